// Runs the original machine's TypeScript tests on each mutant's module, all in one node process:
// SUITE is the compiled MACHINE.test.js made a function of the module under test (lang.sh
// turns its `import * as m from "./MACHINE.js"` into `export default function (m) {`); each
// mutant's tests form one suite named by its directory (mN), so TAP's top-level
// `not ok K - mN` is a killed mutant.
//   node --test-reporter=tap ts_mutants.mjs SUITE MUTANT_DIR/mN/MACHINE.js...
import { describe } from "node:test";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [suitePath, ...mutants] = process.argv.slice(2);
const { default: suite } = await import(pathToFileURL(path.resolve(suitePath)).href);
for (const file of mutants) {
  const m = await import(pathToFileURL(path.resolve(file)).href);
  describe(path.basename(path.dirname(file)), () => suite(m));
}
