// anywidget entry point for RunWidget, ModelVersionWidget and ModelWidget.
// The Python side owns the truth (synced traits); this module renders it and sends edits
// back as commands (see lib/channel.js).

import "./widget.css";
import { renderWidget } from "./lib/view.js";

export default {
  /**
   * @param {{model: import("./lib/types.js").CardModel, el: HTMLElement}} props
   * @returns {() => void} cleanup
   */
  render({ model, el }) {
    return renderWidget(model, el);
  },
};
