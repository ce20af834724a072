// Lengths of the JS functions under js/, as JSON on stdout, for
// tests/house/test_function_length.py.
// A real parser (acorn) rather than a regex: arrows, methods and nested functions all count,
// each by its own span (first to last line, a nested one inside its parent's span too).
// Usage: node scripts/function_lengths.mjs [ROOT]   (ROOT defaults to js/)
// Left out: js/lib/contract.js (generated from Python) and js/__tests__ (tests).
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import * as acorn from "acorn";
import * as walk from "acorn-walk";

const root = process.argv[2] ?? "js";
const SKIP = new Set(["lib/contract.js"]);

/** @param {string} dir @returns {string[]} */
function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== "__tests__" && entry !== "node_modules") out.push(...sources(path));
    } else if (entry.endsWith(".js") && !SKIP.has(relative(root, path))) {
      out.push(path);
    }
  }
  return out;
}

/** A readable name for a function node, from where it is declared or assigned. */
function nameOf(node, ancestors) {
  if (node.id?.name) return node.id.name;
  const parent = ancestors[ancestors.length - 2];
  if (!parent) return "<anonymous>";
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if ((parent.type === "Property" || parent.type === "MethodDefinition" ||
       parent.type === "PropertyDefinition") && parent.key) {
    return parent.key.name ?? String(parent.key.value);
  }
  if (parent.type === "AssignmentExpression") {
    const left = parent.left;
    if (left.type === "Identifier") return left.name;
    if (left.type === "MemberExpression" && left.property.type === "Identifier") {
      return left.property.name;
    }
  }
  if (parent.type === "CallExpression" && parent.callee) {
    const callee = parent.callee;
    const called = callee.type === "Identifier" ? callee.name :
      callee.type === "MemberExpression" && callee.property.type === "Identifier" ?
        callee.property.name : "call";
    return `<callback of ${called}>`;
  }
  return "<anonymous>";
}

const results = [];
for (const file of sources(root)) {
  const text = readFileSync(file, "utf8");
  const ast = acorn.parse(text, { ecmaVersion: "latest", sourceType: "module", locations: true });
  const seen = (node, ancestors) => {
    results.push({
      file: relative(process.cwd(), file),
      name: nameOf(node, ancestors),
      line: node.loc.start.line,
      lines: node.loc.end.line - node.loc.start.line + 1,
    });
  };
  walk.ancestor(ast, {
    FunctionDeclaration: seen,
    FunctionExpression: seen,
    ArrowFunctionExpression: seen,
  });
}
results.sort((a, b) => b.lines - a.lines);
process.stdout.write(JSON.stringify(results, null, 1) + "\n");
