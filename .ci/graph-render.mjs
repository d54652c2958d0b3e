// Rendered-output tests for `doccheck graph`, run by .ci/graph-check: on the
// example workspace and on a generated repository of 300 documents, the
// Mermaid output must be drawn by the real mermaid-cli, the DOT output by
// Graphviz, the SVG must load as SVG, and the HTML page, in headless
// Chromium with every request refused, must draw its nodes, find a
// document by search and show a document's findings when it is clicked.
// One Chromium for everything. PNGs and screenshots go to the output folder.
//
//   node .ci/graph-render.mjs NPM_PREFIX DOCCHECK OUT_DIR
//   node .ci/graph-render.mjs NPM_PREFIX DOCCHECK OUT_DIR --page FILE JSON
//     (only that page, timed: how the HTML of a large repository behaves)
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [npmPrefix, doccheck, out] = process.argv.slice(2, 5).map((p) => path.resolve(p));
const only = process.argv[5] === "--page" ? process.argv.slice(6, 8).map((p) => path.resolve(p)) : null;
const require = createRequire(path.join(npmPrefix, "package.json"));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const { renderMermaid } = await load("@mermaid-js/mermaid-cli");
const puppeteer = (await load("puppeteer")).default;
const here = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
fs.mkdirSync(out, { recursive: true });

let failures = 0;
const fail = (what) => { console.error("FAIL " + what); failures++; };
const ok = (what) => console.log("ok   " + what);
const graph = (cwd, ...args) =>
  execFileSync(doccheck, ["graph", ...args], { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });

// A repository of 300 documents as teams keep them: research, plans citing
// it (one reference dangling), PR write-ups, decisions superseding each
// other, experiments, code references by path and by bare file name,
// links to source folders, and research nobody cites.
function generate(root) {
  fs.rmSync(root, { recursive: true, force: true });
  const write = (rel, text) => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };
  const lines = (n) => Array.from({ length: n }, (_, i) => `x${i} = ${i}\n`).join("");
  const code = ["src/config/loader.py", "src/config/schema.py", "src/models/train.py", "src/models/evaluate.py",
    "src/data/ingest.py", "src/data/features.py", "tests/features/test_loader.py", "scripts/run_sweep.sh"];
  for (const file of code) write(file, lines(400));
  write(".doccheck.toml", "");
  const day = (i) => `2025-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
  const fm = (i, topic, status, extra = "") =>
    `---\ndate: ${day(i)}T10:00:00+00:00\nresearcher: dana\ngit_commit: unknown\nbranch: main\nrepository: gen\ntopic: "${topic}"\ntags: [gen]\nstatus: ${status}\nlast_updated: ${day(i)}\nlast_updated_by: dana\n${extra}---\n\n# ${topic}\n\n`;
  const research = (i) => `thoughts/shared/research/${day(i)}_10-00_topic-${i}.md`;
  const plan = (i) => `thoughts/shared/plans/${day(i)}_11-00_plan-${i}.md`;
  const statuses = ["complete", "in_progress", "complete", "ready_for_review"];
  for (let i = 0; i < 60; i++) {
    const cites = i % 10 === 9 ? "" : `Loading lives in \`${code[i % 6]}:${10 + i}-${40 + i}\`.\n`;
    write(research(i), fm(i, `Research ${i}: ${["config loading", "training loop", "data ingest"][i % 3]}`, statuses[i % 3]) + `## Summary\n\n${cites}`);
  }
  for (let i = 0; i < 120; i++) {
    const target = i === 7 ? "thoughts/shared/research/missing-note.md" : research(Math.floor(i / 2) % 60 === 59 ? 0 : Math.floor(i / 2));
    const body = `## Overview\n\nChange \`${path.basename(code[i % 8])}:${20 + (i % 50)}\` and see [the tests](../../../tests/features/).\n` +
      (i % 15 === 0 ? `\nDecided in [the ADR](../../../docs/adr/${String(1 + (i % 30)).padStart(4, "0")}-decision.md).\n` : "");
    write(plan(i), fm(i, `Plan ${i}: ${["restructure the loader", "faster training", "cleaner ingest", "feature store"][i % 4]}`,
      statuses[(i + 1) % 4], `related_research: ${target}\n`) + body);
  }
  for (let i = 0; i < 60; i++) {
    write(`thoughts/shared/prs/${day(i)}_12-00_pr-${i}.md`, fm(i, `PR ${i}: ship plan ${2 * i}`, statuses[i % 4]) +
      `Implements [the plan](../plans/${path.basename(plan(2 * i))}); touches \`src/models/train.py:${5 + i}\`.\n`);
  }
  for (let i = 1; i <= 30; i++) {
    const n = String(i).padStart(4, "0");
    const supersedes = i > 1 && i % 5 === 0 ? `supersedes: docs/adr/${String(i - 1).padStart(4, "0")}-decision.md\n` : "";
    write(`docs/adr/${n}-decision.md`, `---\nstatus: ${i % 5 === 4 ? "superseded" : "accepted"}\ndate: ${day(i)}\n${supersedes}---\n\n# ${n}. Decision ${i}\n\n## Context\n\nWhy.\n\n## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n`);
  }
  for (let i = 0; i < 30; i++) {
    const parent = i > 0 ? `**Related Experiments**:\n- Parent: exp-${String(100 + i - 1)}\n` : "";
    write(`experiments/exp-${100 + i}-run.md`, `# Experiment exp-${100 + i}: sweep ${i}\n\n**Experiment ID**: exp-${100 + i}\n**Date**: ${day(i)}\n**Status**: completed\n\n${parent}\n## Results\n\nSee \`src/models/evaluate.py:${30 + i}\`.\n`);
  }
  const git = (...args) => execFileSync("git", ["-c", "user.name=gen", "-c", "user.email=gen@example.com", ...args], { cwd: root, stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "documents and code");
}

const generated = path.join(out, "generated-300");
if (!only) generate(generated);
const workspaces = only ? [] : [
  { name: "example", dir: path.join(here, "fixtures/example") },
  { name: "generated-300", dir: generated },
];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  headless: true,
});
try {
  if (only) {
    const started = Date.now();
    await testPage(path.basename(only[0]), only[0], JSON.parse(fs.readFileSync(only[1], "utf8")), true);
    console.log(`page tested in ${Date.now() - started} ms`);
  }
  for (const ws of workspaces) {
    const json = JSON.parse(graph(ws.dir, "--format", "json"));
    const docs = json.nodes.filter((n) => n.kind !== "code");
    const code = json.nodes.filter((n) => n.kind === "code");
    if (!docs.length || !code.length) fail(`${ws.name}: the graph has documents and code folders`);
    else ok(`${ws.name}: ${docs.length} documents, ${code.length} code folders, ${json.edges.length} edges`);

    // Mermaid, drawn by mermaid-cli: the whole graph and the gaps.
    for (const [suffix, args] of [["", []], ["-gaps", ["--gaps"]]]) {
      const text = graph(ws.dir, "--format", "mermaid", ...args);
      const file = path.join(out, `${ws.name}${suffix}.mmd`);
      fs.writeFileSync(file, text);
      try {
        const { data } = await renderMermaid(browser, text, "png", { viewport: { width: 1600, height: 1000, deviceScaleFactor: 1 } });
        fs.writeFileSync(file.replace(/\.mmd$/, ".mermaid.png"), data);
        ok(`${ws.name}${suffix}: mermaid-cli drew ${text.split("\n").length} lines of Mermaid`);
      } catch (e) {
        fail(`${ws.name}${suffix}: mermaid-cli refused the Mermaid: ${e.message.split("\n")[0]}`);
      }
    }

    // DOT, drawn by Graphviz.
    const dotFile = path.join(out, `${ws.name}.dot`);
    fs.writeFileSync(dotFile, graph(ws.dir, "--format", "dot"));
    try {
      execFileSync("dot", ["-Tpng", dotFile, "-o", dotFile.replace(/\.dot$/, ".dot.png")], { stdio: ["ignore", "ignore", "pipe"] });
      ok(`${ws.name}: Graphviz drew the DOT`);
    } catch (e) {
      fail(`${ws.name}: Graphviz refused the DOT: ${String(e.stderr).split("\n")[0]}`);
    }

    // SVG: a document the browser reads as SVG, with every node.
    const svgFile = path.join(out, `${ws.name}.svg`);
    fs.writeFileSync(svgFile, graph(ws.dir, "--format", "svg"));
    {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(svgFile).href);
      const nodes = await page.evaluate(() => document.documentElement.tagName === "svg" ? document.querySelectorAll("g.node").length : -1);
      if (nodes > 0) ok(`${ws.name}: the SVG loads with ${nodes} nodes`); else fail(`${ws.name}: the SVG does not load as SVG`);
      const size = await page.evaluate(() => [document.documentElement.width.baseVal.value, document.documentElement.height.baseVal.value]);
      await page.setViewport({ width: Math.min(4000, Math.ceil(size[0])), height: Math.min(4000, Math.ceil(size[1])) });
      await page.screenshot({ path: svgFile.replace(/\.svg$/, ".svg.png") });
      await page.close();
    }

    // HTML: offline, nodes drawn, search, click → findings.
    const htmlFile = path.join(out, `${ws.name}.html`);
    fs.writeFileSync(htmlFile, graph(ws.dir, "--format", "html"));
    await testPage(ws.name, htmlFile, json);
  }
} finally {
  await browser.close();
}

async function testPage(name, file, json, timed = false) {
  const page = await browser.newPage();
  const clock = Date.now();
  const lap = (what) => { if (timed) console.log(`     ${what}: ${Date.now() - clock} ms`); };
  await page.setViewport({ width: 1400, height: 850 });
  const refused = [], errors = [];
  await page.setRequestInterception(true);
  page.on("request", (r) => {
    if (r.url() === pathToFileURL(file).href) r.continue();
    else { refused.push(r.url()); r.abort(); }
  });
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  lap("loaded");
  await page.waitForFunction(() => window.doccheck && window.doccheck.nodes > 0, { timeout: 60000 }).catch(() => {});
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  lap("drawn");
  if (timed) {
    await page.screenshot({ path: file.replace(/\.html$/, ".fit.png") });
    // Frames while zooming in on the middle, and panning.
    const frame = () => page.evaluate(() => new Promise((r) => { const t = performance.now(); requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now() - t))); }));
    const times = [];
    await page.mouse.move(500, 400);
    for (let k = 0; k < 8; k++) { await page.mouse.wheel({ deltaY: -400 }); times.push(await frame()); }
    for (let k = 0; k < 4; k++) { await page.mouse.wheel({ deltaY: 400 }); times.push(await frame()); }
    console.log(`     frames while zooming: ${times.map((t) => t.toFixed(0)).join(", ")} ms`);
    await page.keyboard.press("0");
  }
  if (refused.length) fail(`${name}: the page asked the network for ${refused[0]}`);
  else ok(`${name}: the page loads with no request but itself`);
  if (errors.length) fail(`${name}: the page reports errors: ${errors[0]}`);
  const drawn = await page.evaluate(() => {
    const c = document.getElementById("canvas");
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    for (let i = 0; i < d.length; i += 16) if (d[i + 3] && (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240)) coloured++;
    return { nodes: window.doccheck ? window.doccheck.nodes : 0, coloured };
  });
  if (drawn.nodes > 0 && drawn.coloured > 500) ok(`${name}: ${drawn.nodes} nodes drawn`);
  else fail(`${name}: nothing drawn (${JSON.stringify(drawn)})`);

  // Search: the title of a document with a graph finding finds it.
  const target = json.nodes.find((n) => n.gap) || json.nodes.find((n) => n.kind !== "code");
  const words = target.title.split(/\s+/).slice(0, 4).join(" ");
  await page.click("#search");
  const typed = Date.now();
  await page.keyboard.type(words);
  await page.waitForSelector("#results li", { visible: true, timeout: 5000 }).catch(() => {});
  if (timed) console.log(`     search typed and answered: ${Date.now() - typed} ms`);
  const listed = await page.$$eval("#results li", (lis) => lis.map((li) => li.textContent));
  if (listed.some((t) => t.includes(target.path))) ok(`${name}: search "${words}" finds ${target.path}`);
  else fail(`${name}: search "${words}" does not list ${target.path}: ${JSON.stringify(listed.slice(0, 3))}`);
  const rank = listed.findIndex((t) => t.includes(target.path));
  for (let k = 0; k < rank; k++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const selected = await page.evaluate(() => window.doccheck.selected());
  if (selected === target.path) ok(`${name}: Enter selects it and centres it`);
  else fail(`${name}: Enter selected ${selected}, not ${target.path}`);

  // A click on the node (on the canvas, where it is drawn) shows its
  // metadata and findings.
  await page.keyboard.press("Escape");
  const at = await page.evaluate((p) => window.doccheck.screen(p), target.path);
  const clicked = Date.now();
  await page.mouse.click(at.x, at.y);
  const panel = await page.$eval("#panel", (p) => p.innerText);
  if (timed) console.log(`     click answered: ${Date.now() - clicked} ms`);
  if (!panel.includes(target.path)) fail(`${name}: clicking the node does not show it: ${panel.slice(0, 200)}`);
  else if (target.gap && !/Findings \(\d+\)/.test(panel)) fail(`${name}: the panel shows no findings: ${panel.slice(0, 300)}`);
  else if (target.gap && !/DC4\d\d/.test(panel)) fail(`${name}: the panel lacks the graph finding: ${panel.slice(0, 300)}`);
  else ok(`${name}: clicking ${target.path} shows its metadata${target.gap ? " and findings" : ""}`);
  await page.screenshot({ path: file.replace(/\.html$/, ".html.png") });
  await page.close();
}

if (failures) {
  console.error(`${failures} rendered-output check(s) failed`);
  process.exit(1);
}
console.log(`rendered outputs in ${out}`);
