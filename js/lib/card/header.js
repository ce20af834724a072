// Card section: The header: id, editable name, state / failed / trashed badges, ping age.
import { textControl } from "../controls.js";
import { h, setText, show } from "../dom.js";
import { formatAgo, parseTime, stateLook } from "../format.js";
import { badge } from "./section.js";

/**
 * The header: id, editable name, state / failed / trashed badges, ping age.
 * @param {import("./section.js").Section} s
 */
export function header(s) {
  const { root, kind, noun, has, get, str, tip, on, ctx, updaters, roHooks } = s;
  const header = h("div", { class: "nsw-header" });
  root.append(header);
  if (has("id")) {
    const idEl = h("span", { class: "nsw-id", title: tip("id") });
    header.append(idEl);
    updaters.push(() => setText(idEl, str("id")));
  }
  updaters.push(() => root.setAttribute("aria-label", `${noun} ${str("id")}`.trim()));
  if (has("name")) {
    const name = textControl(ctx, {
      field: "name",
      label: kind === "run" ? "Run name" : "Name",
      className: "nsw-name",
      title: tip("name"),
    });
    header.append(name.el);
    on("change:name", name.changed);
    roHooks.push(name.applyReadOnly);
  }
  const badges = h("span", { class: "nsw-badges" });
  header.append(badges);
  if (has("state")) {
    const b = badge(tip("state"));
    badges.append(b.el);
    updaters.push(() => {
      const [mod, icon, text] = stateLook(str("state"));
      b.set(mod, icon, text);
    });
  }
  if (has("failed")) {
    const b = badge(tip("failed"));
    b.set("failed", "✕", "Failed");
    badges.append(b.el);
    updaters.push(() => show(b.el, !!get("failed")));
  }
  if (has("trashed")) {
    const b = badge(tip("trashed"));
    b.set("trashed", "⊘", "Trashed");
    badges.append(b.el);
    updaters.push(() => show(b.el, !!get("trashed")));
  }
  storeProblem(s);
  if (has("ping_time")) pingAge(s, header);
}

/** The store does not answer (a PostgreSQL server restarting): say so, do not freeze. @param {import("./section.js").Section} s */
function storeProblem(s) {
  const problem = h("div", { class: "nsw-store-problem", role: "status" });
  s.root.append(problem);
  s.updaters.push(() => {
    const why = String(s.get("store_problem") ?? "");
    setText(problem, why ? `Store unreachable, retrying; values may be stale. ${why}` : "");
    show(problem, why.length > 0);
  });
}

/** "pinged 3 s ago", ticking. @param {import("./section.js").Section} s @param {HTMLElement} header */
function pingAge(s, header) {
  const time = h("time", { class: "nsw-ping", title: s.tip("ping_time") });
  header.append(time);
  const tick = () => {
    const iso = s.str("ping_time");
    const t = parseTime(iso);
    setText(time, Number.isNaN(t) ? "never pinged" : `pinged ${formatAgo(Date.now() - t)}`);
    if (time.getAttribute("datetime") !== iso) time.setAttribute("datetime", iso);
  };
  s.updaters.push(tick);
  s.tickers.push(tick);
}
