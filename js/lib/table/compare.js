// The Compare button of a runs table: enabled while at least one run is selected, it sends
// the selection (ids, shift ranges or all matching, as a bulk command names them) as a
// `compare` command; the kernel shows a chart of those runs under the table, or runs the
// table's on_compare hook. Its status says what happened, or the kernel's error.

import { h, setText } from "../dom.js";
import { selectedCount, target } from "./selection.js";

/** @param {import("./context.js").Table} t */
export function compareButton(t) {
  const button = h("button", { type: "button", class: "nsw-btn nsw-compare", disabled: true, title: "Chart the selected runs together" }, "Compare");
  const status = h("span", { class: "nsw-compare-status", role: "status" });
  const update = () => {
    button.disabled = selectedCount(t.st.sel, t.total()) === 0;
  };
  button.addEventListener("click", () => {
    button.setAttribute("aria-busy", "true");
    setText(status, "");
    t.send("compare", target(t.st.sel, t.st.loadedVersion), (r) => {
      button.removeAttribute("aria-busy");
      status.classList.toggle("nsw-error-text", !r.ok);
      const ids = /** @type {{ids?: unknown} | undefined} */ (r.result)?.ids;
      const n = r.ok && Array.isArray(ids) ? ids.length : 0;
      setText(status, r.ok ? `Comparing ${n} run${n === 1 ? "" : "s"} below the table` : r.error?.message || "Compare failed.");
    });
  });
  return { el: h("span", { class: "nsw-compare-wrap" }, button, status), update };
}
