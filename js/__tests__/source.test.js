// Small functions: no function in the front end's source (js/, tests and the generated
// contract aside) is longer than MAX_LINES, counted from its first line to its last.
// Parsed with rolldown's parser (oxc), which vitest's bundler already brings.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAst } from "rolldown/parseAst";
import { describe, expect, it } from "vitest";

const MAX_LINES = 60;
const JS = join(dirname(fileURLToPath(import.meta.url)), "..");

/** @param {string} dir @returns {string[]} */
function sources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "__tests__" ? [] : sources(p);
    return e.name.endsWith(".js") && p !== join(JS, "lib", "contract.js") ? [p] : [];
  });
}

/** Every function of `src` as [first line, line count]. @param {string} src */
function functions(src) {
  const ast = parseAst(src, { lang: "js" });
  const lineAt = (/** @type {number} */ offset) => src.slice(0, offset).split("\n").length;
  /** @type {Array<[number, number]>} */
  const out = [];
  /** @param {any} node */
  const walk = (node) => {
    if (!node || typeof node !== "object") return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (/Function/.test(node.type)) out.push([lineAt(node.start), lineAt(node.end) - lineAt(node.start) + 1]);
    for (const k of Object.keys(node)) walk(node[k]);
  };
  walk(ast);
  return out;
}

describe("front-end source", () => {
  it(`has no function over ${MAX_LINES} lines`, () => {
    const files = sources(JS);
    expect(files.length).toBeGreaterThan(20);
    const long = files.flatMap((f) =>
      functions(readFileSync(f, "utf8"))
        .filter(([, n]) => n > MAX_LINES)
        .map(([line, n]) => `${relative(JS, f)}:${line} is ${n} lines`),
    );
    expect(long).toEqual([]);
  });

  it("counts a long function as long", () => {
    const body = Array.from({ length: MAX_LINES }, (_, i) => `  x += ${i};`).join("\n");
    expect(functions(`function f(x) {\n${body}\n}`)).toEqual([[1, MAX_LINES + 2]]);
  });
});
