// anywidget entry point of the runs and model-versions tables (TableGrid). The kernel
// holds the query; this module shows the window the user looks at (lib/table/grid.js).

import "./widget.css";
import "./table.css";
import { renderTable } from "./lib/table/grid.js";

export default {
  /**
   * @param {{model: import("./lib/types.js").TableModel, el: HTMLElement}} props
   * @returns {() => void} cleanup
   */
  render({ model, el }) {
    return renderTable(model, el);
  },
};
