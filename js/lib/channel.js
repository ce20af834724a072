// Commands to the kernel and their replies, over anywidget custom messages.
//
// Edits never set traits from JS. Each edit is one message
//   {type: "command", id, cmd, field?, value?, target?}
// and the kernel answers {type: "reply", id, ok, error?}. There is deliberately no
// timeout: a busy kernel queues the command and answers when it gets to it.

/**
 * @typedef {{type: string, message: string, field?: string | null}} ReplyError
 * @typedef {{type: "reply", id: number, ok: boolean, result?: any, error?: ReplyError}} Reply
 * @typedef {{type: "command", id: number, cmd: string, field?: string, value?: unknown, target?: string}} Command
 * @typedef {(reply: Reply) => void} ReplyHandler
 */

// One counter per page, shared by every view: two views of the same model both receive
// every reply, so ids must not collide between them. A random base (below 1e9, so ids stay
// small ints) keeps two browser tabs on one kernel apart too; ids only ever increase.
let seq = Math.floor(Math.random() * 1e6) * 1000;

/**
 * @param {Pick<import("./types.js").Model, "on" | "off" | "send">} model
 */
export function createChannel(model) {
  /** @type {Map<number, ReplyHandler>} */
  const waiting = new Map();
  let closed = false;

  /** @param {any} msg */
  const onMessage = (msg) => {
    if (closed || !msg || msg.type !== "reply") return;
    const handler = waiting.get(msg.id);
    if (!handler) return; // another view's (or tab's) command
    waiting.delete(msg.id);
    handler(/** @type {Reply} */ (msg));
  };
  model.on("msg:custom", onMessage);

  return {
    /**
     * Send a command; `onReply` runs once, when the kernel answers.
     * @param {string} cmd
     * @param {{field?: string, value?: unknown, target?: string}} [args]
     * @param {ReplyHandler} [onReply]
     * @returns {number} the command id
     */
    send(cmd, args = {}, onReply) {
      seq += 1;
      const id = seq;
      if (onReply) waiting.set(id, onReply);
      /** @type {Command} */
      const msg = { type: "command", id, cmd };
      if (args.field !== undefined) msg.field = args.field;
      if (args.value !== undefined) msg.value = args.value;
      if (args.target !== undefined) msg.target = args.target;
      model.send(msg);
      return id;
    },
    /** Number of commands still waiting for a reply. */
    get pending() {
      return waiting.size;
    },
    close() {
      closed = true;
      waiting.clear();
      model.off("msg:custom", onMessage);
    },
  };
}

/** @typedef {ReturnType<typeof createChannel>} Channel */

/**
 * The card's channel: a command name and its arguments as the kernel's widget classes
 * accept them (`CardCommandArgs`, generated into contract.js), checked by the type check.
 * @typedef {object} CardChannel
 * @property {<C extends import("./contract.js").CardCommand>(cmd: C, args: import("./contract.js").CardCommandArgs[C], onReply?: ReplyHandler) => number} send
 * @property {number} pending
 * @property {() => void} close
 */
