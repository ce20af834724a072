// Commands to the kernel and their replies, over anywidget custom messages.
//
// Edits never set traits from JS. Each edit is one message
//   {type: "command", id, cmd, field?, value?, target?}
// and the kernel answers {type: "reply", id, ok, error?}. There is deliberately no
// timeout: a busy kernel queues the command and answers when it gets to it.

/**
 * @typedef {import("./contract.js").ReplyError} ReplyError
 * @typedef {import("./contract.js").Reply} Reply
 * @typedef {{field?: string, value?: unknown, target?: string}} CommandArgs
 * @typedef {{type: "command", id: number, cmd: string} & CommandArgs} Command
 * @typedef {(reply: Reply) => void} ReplyHandler
 */

/**
 * A widget's commands: each name the kernel accepts, with its arguments (`CardCommandArgs`,
 * `TableCommandArgs`, `ChartCommandArgs`, generated into contract.js), checked by the type
 * check.
 * @template {{[cmd: string]: CommandArgs}} A
 * @typedef {object} Channel
 * @property {<C extends keyof A & string>(cmd: C, args: A[C], onReply?: ReplyHandler) => number} send
 * @property {number} pending commands still waiting for a reply
 * @property {() => void} close
 */

// One counter per page, shared by every view: two views of the same model both receive
// every reply, so ids must not collide between them. A random base (below 1e9, so ids stay
// small ints) keeps two browser tabs on one kernel apart too; ids only ever increase.
let seq = Math.floor(Math.random() * 1e6) * 1000;

/**
 * The commands `A` it sends are those of the channel's declared type, e.g.
 * `@type {Channel<ChartCommandArgs>}`.
 * @template {{[cmd: string]: CommandArgs}} A
 * @param {Pick<import("./types.js").Model<{}>, "on" | "off" | "send">} model
 * @returns {Channel<A>}
 */
export function createChannel(model) {
  /** @type {Map<number, ReplyHandler>} */
  const waiting = new Map();
  let closed = false;

  /** @param {Reply | null | undefined} msg any custom message; a reply is handled */
  const onMessage = (msg) => {
    if (closed || !msg || msg.type !== "reply" || typeof msg.id !== "number") return;
    const handler = waiting.get(msg.id);
    if (!handler) return; // another view's (or tab's) command
    waiting.delete(msg.id);
    handler(msg);
  };
  model.on("msg:custom", onMessage);

  return {
    /**
     * Send a command; `onReply` runs once, when the kernel answers.
     * @template {keyof A & string} C
     * @param {C} cmd
     * @param {A[C]} args
     * @param {ReplyHandler} [onReply]
     * @returns {number} the command id
     */
    send(cmd, args, onReply) {
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

/** The card's channel. @typedef {Channel<import("./contract.js").CardCommandArgs>} CardChannel */
