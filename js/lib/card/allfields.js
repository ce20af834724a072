// Card section: Every sys field, raw, in a collapsed details element.
import { h, setText } from "../dom.js";
import { formatValue, plain } from "../format.js";

/**
 * Every sys field, raw, in a collapsed details element.
 * @param {import("./section.js").Section} s
 */
export function allfields(s) {
  const { model, root, kind, noun, fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters, tickers, roHooks } = s;
  // ---- every field, raw ----------------------------------------------------------------
  {
    const tbody = h("tbody");
    for (const f of fields.values()) {
      const td = h("td");
      tbody.append(h("tr", { title: plain(f.meaning) }, h("th", { scope: "row" }, f.path), td));
      updaters.push(() => setText(td, formatValue(get(f.trait))));
    }
    root.append(
      h(
        "details",
        { class: "nsw-all nsw-field-wide" },
        h("summary", null, "All sys fields"),
        h("table", null, tbody),
      ),
    );
  }

}
