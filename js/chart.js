// anywidget entry point of the chart widget (ChartWidget, widgets/chart.py): uPlot over
// the kernel's min/max/last buckets (lib/chart/view.js).

import "uplot/dist/uPlot.min.css";
import "./chart.css";
import { renderChart } from "./lib/chart/view.js";

export default {
  /**
   * @param {{model: import("./lib/types.js").ChartModel, el: HTMLElement}} props
   * @returns {() => void} cleanup
   */
  render({ model, el }) {
    return renderChart(model, el);
  },
};
