// Card section: Stop / abort (runs), with an inline confirmation for abort.
import { createEditState } from "../controls.js";
import { h, show, uid } from "../dom.js";

/**
 * Stop / abort (runs), with an inline confirmation for abort.
 * @param {import("./section.js").Section} s
 */
export function actions(s) {
  const { model, root, kind, noun, fields, has, get, str, tip, on, ctx, canEdit, readOnly, updaters, tickers, roHooks } = s;
  // ---- stop / abort (runs) --------------------------------------------------------------
  if (kind === "run" && has("state")) {
    const stopBtn = h("button", { type: "button", class: "nsw-btn" }, "Stop run");
    const abortBtn = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, "Abort run");
    const prompt = h("span", { id: uid("nsw-confirm") }, "Abort this run? It will be marked failed.");
    const yesBtn = h("button", { type: "button", class: "nsw-btn nsw-btn-danger" }, "Yes, abort");
    const noBtn = h("button", { type: "button", class: "nsw-btn" }, "Cancel");
    const confirmBox = h(
      "span",
      { class: "nsw-confirm", role: "group", "aria-labelledby": prompt.id, hidden: true },
      prompt,
      yesBtn,
      noBtn,
    );
    const actions = h("div", { class: "nsw-actions" });
    const edit = createEditState(ctx, actions, stopBtn, () => {}, "sending…");
    actions.append(stopBtn, abortBtn, confirmBox, ...edit.nodes);
    root.append(actions);

    /** @param {boolean} confirming */
    const setConfirming = (confirming) => {
      show(confirmBox, confirming);
      show(stopBtn, !confirming);
      show(abortBtn, !confirming);
    };
    stopBtn.addEventListener("click", () => edit.send("stop", {}));
    abortBtn.addEventListener("click", () => {
      setConfirming(true);
      noBtn.focus();
    });
    yesBtn.addEventListener("click", () => {
      setConfirming(false);
      abortBtn.focus();
      edit.send("abort", {});
    });
    noBtn.addEventListener("click", () => {
      setConfirming(false);
      abortBtn.focus();
    });
    confirmBox.addEventListener("keydown", (e) => {
      if (/** @type {KeyboardEvent} */ (e).key === "Escape") {
        e.preventDefault();
        setConfirming(false);
        abortBtn.focus();
      }
    });
    updaters.push(() => {
      const active = str("state") === "active";
      show(actions, active);
      if (!active && !confirmBox.hidden) setConfirming(false);
    });
  }

}
