"use strict";
// The page of `doccheck graph --format html`. Positions come from doccheck;
// this script draws what is on screen (nodes in view, simplified when small;
// arrows of the nodes in view when there are many), and answers search,
// filters and clicks. No network: everything it needs is in the page.
(function () {
  const data = JSON.parse(document.getElementById("graph-data").textContent);
  const W = data.node_w, H = data.node_h;
  const nodes = data.nodes;
  const N = nodes.length;
  const X = new Float32Array(N), Y = new Float32Array(N);
  const TYPE = new Uint8Array(N), GROUP = new Uint32Array(N), STATE = new Uint8Array(N), GAP = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    const n = nodes[i];
    TYPE[i] = n[0]; GROUP[i] = n[1]; STATE[i] = n[2]; X[i] = n[3]; Y[i] = n[4]; GAP[i] = n[10];
  }
  // Three numbers an arrow: from, to, how + 8 × label.
  const E = data.edges.length / 3;
  const edges = new Uint32Array(4 * E);
  for (let e = 0; e < E; e++) {
    const v = data.edges[3 * e + 2];
    edges[4 * e] = data.edges[3 * e]; edges[4 * e + 1] = data.edges[3 * e + 1];
    edges[4 * e + 2] = v & 7; edges[4 * e + 3] = v >>> 3;
  }

  // Each node's arrows, both ways.
  const degree = new Uint32Array(N + 1);
  for (let e = 0; e < E; e++) { degree[edges[4 * e]]++; degree[edges[4 * e + 1]]++; }
  const start = new Uint32Array(N + 1);
  for (let i = 0; i < N; i++) start[i + 1] = start[i] + degree[i];
  const incident = new Uint32Array(start[N]);
  const fill = start.slice(0, N);
  for (let e = 0; e < E; e++) { incident[fill[edges[4 * e]]++] = e; incident[fill[edges[4 * e + 1]]++] = e; }

  // A grid of cells over the drawing: what is on screen, what is clicked.
  const CELL = 600;
  const cols = Math.max(1, Math.ceil((data.width + W) / CELL) + 1);
  const cells = new Map();
  for (let i = 0; i < N; i++) {
    const c0 = Math.floor(X[i] / CELL), c1 = Math.floor((X[i] + W) / CELL);
    const r0 = Math.floor(Y[i] / CELL), r1 = Math.floor((Y[i] + H) / CELL);
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) {
      const key = r * cols + c;
      let list = cells.get(key);
      if (!list) { list = []; cells.set(key, list); }
      list.push(i);
    }
  }

  const hiddenGroup = new Uint8Array(data.groups.length);
  const hiddenState = new Uint8Array(data.states.length);
  const shown = (i) => !hiddenGroup[GROUP[i]] && !(TYPE[i] === 0 && hiddenState[STATE[i]]);

  const canvas = document.getElementById("canvas");
  const ctx = canvas.getContext("2d");
  let scale = 1, tx = 0, ty = 0, dpr = 1, cw = 1, ch = 1;
  let selected = -1, selectedLoose = -1, pending = false;

  function resize() {
    const r = canvas.getBoundingClientRect();
    dpr = window.devicePixelRatio || 1;
    cw = Math.max(1, r.width); ch = Math.max(1, r.height);
    canvas.width = Math.round(cw * dpr); canvas.height = Math.round(ch * dpr);
    redraw();
  }
  function fit() {
    const w = data.width + 80, h = data.height + 80;
    scale = Math.min(cw / w, ch / h, 1.5);
    tx = (cw - data.width * scale) / 2; ty = (ch - data.height * scale) / 2;
    redraw();
  }
  function redraw() {
    if (!pending) { pending = true; requestAnimationFrame(draw); }
  }

  function visibleNodes() {
    const x0 = -tx / scale, y0 = -ty / scale, x1 = (cw - tx) / scale, y1 = (ch - ty) / scale;
    const c0 = Math.max(0, Math.floor(x0 / CELL)), c1 = Math.min(cols - 1, Math.floor(x1 / CELL));
    const r0 = Math.max(0, Math.floor(y0 / CELL)), r1 = Math.floor(y1 / CELL);
    const seen = new Uint8Array(N), out = [];
    for (let c = c0; c <= c1; c++) for (let r = r0; r <= r1; r++) {
      const list = cells.get(r * cols + c);
      if (!list) continue;
      for (const i of list) {
        if (seen[i] || !shown(i)) continue;
        seen[i] = 1;
        if (X[i] + W >= x0 && X[i] <= x1 && Y[i] + H >= y0 && Y[i] <= y1) out.push(i);
      }
    }
    return out;
  }

  function curve(a, b) {
    const x1 = X[a], y1 = Y[a] + H / 2, x2 = X[b], y2 = Y[b] + H / 2;
    if (x2 > x1 + W) {
      const sx = x1 + W, dx = Math.max((x2 - sx) / 2, 30);
      return [sx, y1, sx + dx, y1, x2 - dx, y2, x2, y2];
    }
    if (x2 + W < x1) {
      const ex = x2 + W, dx = Math.max((x1 - ex) / 2, 30);
      return [x1, y1, x1 - dx, y1, ex + dx, y2, ex, y2];
    }
    const bulge = 24 + Math.abs(y2 - y1) * 0.15;
    return [x1 + W, y1, x1 + W + bulge, y1, x2 + W + bulge, y2, x2 + W, y2];
  }

  const EDGE = [
    { color: "#4b5563", width: 1.9, dash: [] },
    { color: "#4b5563", width: 1.1, dash: [] },
    { color: "#4b5563", width: 1.1, dash: [2, 3] },
    { color: "#d00000", width: 1.3, dash: [6, 3] },
    { color: "#3d6a99", width: 1.1, dash: [] },
  ];

  function drawEdge(e, color, width) {
    const a = edges[4 * e], b = edges[4 * e + 1], how = edges[4 * e + 2];
    const p = curve(a, b), style = EDGE[how];
    ctx.strokeStyle = color || style.color;
    ctx.fillStyle = ctx.strokeStyle;
    ctx.lineWidth = (width || style.width) / Math.max(scale, 0.35);
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    ctx.moveTo(p[0], p[1]);
    ctx.bezierCurveTo(p[2], p[3], p[4], p[5], p[6], p[7]);
    ctx.stroke();
    if (scale > 0.25) {
      const ang = Math.atan2(p[7] - p[5], p[6] - p[4]), s = 7;
      ctx.setLineDash([]);
      ctx.beginPath();
      ctx.moveTo(p[6], p[7]);
      ctx.lineTo(p[6] - s * Math.cos(ang - 0.4), p[7] - s * Math.sin(ang - 0.4));
      ctx.lineTo(p[6] - s * Math.cos(ang + 0.4), p[7] - s * Math.sin(ang + 0.4));
      ctx.fill();
    }
    const label = edges[4 * e + 3];
    if (label && scale > 0.55) {
      const mx = (p[0] + 3 * p[2] + 3 * p[4] + p[6]) / 8, my = (p[1] + 3 * p[3] + 3 * p[5] + p[7]) / 8;
      ctx.font = "10px system-ui, sans-serif";
      ctx.textAlign = "center";
      ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.setLineDash([]);
      ctx.strokeText(data.labels[label - 1], mx, my - 3);
      ctx.fillStyle = "#4b5563";
      ctx.fillText(data.labels[label - 1], mx, my - 3);
    }
  }

  const lines = new Map(), LINE = 24;
  function labelLines(i) {
    let l = lines.get(i);
    if (l) return l;
    const n = nodes[i];
    const text = (TYPE[i] === 2 ? "missing: " : "") + n[5];
    l = [];
    for (const word of text.split(" ")) {
      for (let k = 0; k < Math.max(1, word.length); k += LINE) {
        const piece = word.slice(k, k + LINE), last = l.length - 1;
        if (last >= 0 && word.length <= LINE && l[last].length + 1 + piece.length <= LINE) l[last] += " " + piece;
        else l.push(piece);
      }
    }
    if (l.length > 2) { l.length = 2; l[1] = l[1].slice(0, LINE - 1).trimEnd() + "…"; }
    if (TYPE[i] === 3) l = [n[5], n[7].length > 30 ? n[7].slice(0, 29) + "…" : n[7]];
    lines.set(i, l);
    return l;
  }

  function nodeColors(i) {
    if (TYPE[i] === 1) return ["#e3ecf6", "#3d6a99", "#142c47"];
    if (TYPE[i] === 2) return ["#fff0f0", "#d00000", "#a00000"];
    if (TYPE[i] === 3) return ["#f4f4f5", "#9ca3af", "#4b5563"];
    const s = data.states[STATE[i]];
    return [s.fill, s.stroke, s.color];
  }

  function nodePath(i) {
    const x = X[i], y = Y[i];
    ctx.beginPath();
    if (TYPE[i] === 1) {
      ctx.moveTo(x, y + H); ctx.lineTo(x, y); ctx.lineTo(x + 56, y); ctx.lineTo(x + 64, y + 6);
      ctx.lineTo(x + W, y + 6); ctx.lineTo(x + W, y + H); ctx.closePath();
    } else if (ctx.roundRect) {
      ctx.roundRect(x, y, W, H, 6);
    } else {
      ctx.rect(x, y, W, H);
    }
  }

  function draw() {
    pending = false;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, cw, ch);
    ctx.setTransform(dpr * scale, 0, 0, dpr * scale, dpr * tx, dpr * ty);
    for (let g = 0; g < data.groups.length; g++) {
      const grp = data.groups[g];
      if (hiddenGroup[g] || grp.name === "unconnected") continue;
      ctx.fillStyle = "#f6f7f9"; ctx.strokeStyle = "#d0d5dd"; ctx.lineWidth = 1 / scale; ctx.setLineDash([]);
      ctx.beginPath();
      if (ctx.roundRect) ctx.roundRect(grp.x, grp.y, grp.w, grp.h, 10); else ctx.rect(grp.x, grp.y, grp.w, grp.h);
      ctx.fill(); ctx.stroke();
    }
    const visible = visibleNodes();
    const px = W * scale;
    // Arrows: all of them when there are few, else those of the nodes in view.
    let drawn = 0;
    const budget = 40000;
    const visibleEdge = (e) => shown(edges[4 * e]) && shown(edges[4 * e + 1]);
    ctx.globalAlpha = E > 3000 ? 0.45 : 0.85;
    if (E <= 30000) {
      for (let e = 0; e < E && drawn < budget; e++) if (visibleEdge(e)) { drawEdge(e); drawn++; }
    } else if (visible.length <= 5000) {
      const done = new Set();
      for (const i of visible) {
        for (let k = start[i]; k < start[i + 1] && drawn < budget; k++) {
          const e = incident[k];
          if (done.has(e) || !visibleEdge(e)) continue;
          done.add(e); drawEdge(e); drawn++;
        }
      }
    }
    ctx.globalAlpha = 1;
    if (selected >= 0) {
      for (let k = start[selected]; k < start[selected + 1]; k++) {
        const e = incident[k];
        if (visibleEdge(e)) drawEdge(e, "#1d4ed8", 2.4);
      }
    }
    ctx.setLineDash([]);
    // Headings over the arrows, and readable at any zoom.
    for (let g = 0; g < data.groups.length; g++) {
      const grp = data.groups[g];
      if (hiddenGroup[g] || grp.name === "unconnected") continue;
      const size = Math.max(13, 11 / scale);
      ctx.font = "bold " + size + "px system-ui, sans-serif"; ctx.textAlign = "left";
      ctx.lineWidth = 4 / scale; ctx.strokeStyle = "#f6f7f9"; ctx.fillStyle = "#374151";
      const y = grp.y + Math.min(22, grp.h / 2) + (size - 13);
      ctx.strokeText(grp.heading, grp.x + 16, y);
      ctx.fillText(grp.heading, grp.x + 16, y);
    }
    const text = px >= 90;
    ctx.font = "12px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
    for (const i of visible) {
      const c = nodeColors(i);
      if (px < 8) {
        ctx.fillStyle = GAP[i] & 1 ? "#d00000" : GAP[i] & 2 ? "#7c3aed" : c[1];
        ctx.fillRect(X[i], Y[i], W, H);
        continue;
      }
      nodePath(i);
      ctx.fillStyle = c[0]; ctx.fill();
      ctx.setLineDash(TYPE[i] >= 2 || (TYPE[i] === 0 && data.states[STATE[i]].name === "retired") ? [5, 3] : []);
      ctx.strokeStyle = GAP[i] & 1 ? "#d00000" : GAP[i] & 2 ? "#7c3aed" : c[1];
      ctx.lineWidth = (GAP[i] ? 2.6 : 1.2) / Math.min(1, Math.max(scale, 0.3));
      ctx.stroke();
      ctx.setLineDash([]);
      if (i === selected) { ctx.strokeStyle = "#1d4ed8"; ctx.lineWidth = 3.5 / Math.min(1, scale); nodePath(i); ctx.stroke(); }
      if (text) {
        const l = labelLines(i);
        ctx.fillStyle = c[2];
        const top = Y[i] + H / 2 - (l.length - 1) * 7;
        for (let k = 0; k < l.length; k++) ctx.fillText(l[k], X[i] + W / 2, top + k * 14);
      }
    }
    ctx.textBaseline = "alphabetic";
    if (selected >= 0 && px < 8) {
      ctx.strokeStyle = "#1d4ed8"; ctx.lineWidth = 3 / scale;
      ctx.strokeRect(X[selected] - 4 / scale, Y[selected] - 4 / scale, W + 8 / scale, H + 8 / scale);
    }
  }

  // Panning and zooming.
  let drag = null;
  canvas.addEventListener("pointerdown", (ev) => {
    drag = { x: ev.clientX, y: ev.clientY, tx, ty, moved: false };
    canvas.setPointerCapture(ev.pointerId);
  });
  canvas.addEventListener("pointermove", (ev) => {
    if (!drag) return;
    const dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { drag.moved = true; canvas.classList.add("dragging"); }
    if (drag.moved) { tx = drag.tx + dx; ty = drag.ty + dy; redraw(); }
  });
  canvas.addEventListener("pointerup", (ev) => {
    const d = drag; drag = null; canvas.classList.remove("dragging");
    if (d && !d.moved) click(ev);
  });
  canvas.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const r = canvas.getBoundingClientRect();
    zoomAt(ev.clientX - r.left, ev.clientY - r.top, Math.exp(-ev.deltaY * 0.0015));
  }, { passive: false });
  function zoomAt(sx, sy, factor) {
    const next = Math.min(4, Math.max(0.002, scale * factor));
    tx = sx - (sx - tx) * next / scale; ty = sy - (sy - ty) * next / scale; scale = next;
    redraw();
  }

  function nodeAt(sx, sy) {
    const wx = (sx - tx) / scale, wy = (sy - ty) / scale;
    const list = cells.get(Math.floor(wy / CELL) * cols + Math.floor(wx / CELL)) || [];
    // A click near a tiny node still finds it.
    const slack = Math.max(0, 4 / scale - 2);
    for (const i of list) {
      if (shown(i) && wx >= X[i] - slack && wx <= X[i] + W + slack && wy >= Y[i] - slack && wy <= Y[i] + H + slack) return i;
    }
    return -1;
  }
  function click(ev) {
    const r = canvas.getBoundingClientRect();
    const i = nodeAt(ev.clientX - r.left, ev.clientY - r.top);
    select(i, false);
  }

  // The panel.
  const panel = document.getElementById("panel");
  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    for (const c of children) e.append(c);
    return e;
  };
  function nodeLink(i) {
    const a = el("a", { title: nodes[i][6] }, nodes[i][5]);
    a.addEventListener("click", () => select(i, true));
    return a;
  }
  function findingsList(path) {
    const list = data.findings[path];
    const box = el("div", { id: "findings" });
    box.append(el("h3", {}, list ? "Findings (" + list.length + ")" : "Findings"));
    if (!list) { box.append(el("p", { class: "empty" }, "No findings.")); return box; }
    const ul = el("ul", {});
    for (const f of list) {
      ul.append(el("li", { class: "finding " + f.severity },
        el("span", { class: "sev " + f.severity }, f.severity), " ",
        el("code", {}, f.code), " ", el("small", {}, f.name + " · line " + f.line), el("div", {}, f.message)));
    }
    box.append(ul);
    return box;
  }
  function meta(rows) {
    const dl = el("dl", {});
    for (const [k, v] of rows) if (v) dl.append(el("dt", {}, k), el("dd", {}, v));
    return dl;
  }
  function neighbourList(title, list) {
    if (!list.length) return [];
    const ul = el("ul", {});
    list.sort((a, b) => nodes[a][6] < nodes[b][6] ? -1 : 1);
    for (const j of list.slice(0, 500)) ul.append(el("li", {}, nodeLink(j)));
    if (list.length > 500) ul.append(el("li", {}, "… and " + (list.length - 500) + " more"));
    return [el("h3", {}, title + " (" + list.length + ")"), ul];
  }
  function showNode(i) {
    const n = nodes[i];
    panel.replaceChildren();
    const cites = [], citedBy = [], code = [];
    for (let k = start[i]; k < start[i + 1]; k++) {
      const e = incident[k], a = edges[4 * e], b = edges[4 * e + 1], how = edges[4 * e + 2];
      if (how === 4) { if (a === i) code.push(b); else citedBy.push(a); }
      else if (b === i) cites.push(a); else citedBy.push(b);
    }
    if (TYPE[i] === 0) {
      panel.append(el("h2", {}, n[8] || n[5]),
        meta([["kind", n[7]], ["status", n[9] || "none"], ["path", n[6]]]),
        findingsList(n[6]),
        ...neighbourList("Builds on", cites), ...neighbourList("Cited by", citedBy), ...neighbourList("Code", code));
    } else if (TYPE[i] === 1) {
      const files = n[7] ? n[7].split("\n") : [];
      const ul = el("ul", {});
      for (const f of files) ul.append(el("li", {}, f));
      panel.append(el("h2", {}, n[6] || "./"), meta([["kind", "code folder"]]),
        ...(files.length ? [el("h3", {}, "Files cited"), ul] : []),
        ...neighbourList("Explained by", citedBy));
    } else if (TYPE[i] === 2) {
      panel.append(el("h2", {}, "Missing: " + n[8]),
        el("p", {}, "No document answers this reference."), ...neighbourList("Cited by", citedBy));
    } else {
      const ul = el("ul", { id: "loose" });
      data.loose.forEach((d, j) => {
        if (j >= 1000) return;
        const a = el("a", { title: d[0] }, d[1]);
        a.addEventListener("click", () => selectLoose(j));
        ul.append(el("li", {}, a, el("small", {}, " " + d[2])));
      });
      panel.append(el("h2", {}, n[5]), el("p", { class: "empty" }, "Connected to no document or code: " + n[7] + "."), ul);
      if (data.loose.length > 1000) panel.append(el("p", {}, "… and " + (data.loose.length - 1000) + " more: search finds them."));
    }
  }
  function selectLoose(j) {
    const d = data.loose[j];
    selectedLoose = j;
    selected = nodes.findIndex((n) => n[0] === 3);
    panel.replaceChildren(el("h2", {}, d[1]),
      meta([["kind", d[2]], ["status", d[3] || "none"], ["path", d[0]], ["graph", "connected to nothing"]]),
      findingsList(d[0]));
    redraw();
  }
  function select(i, center) {
    selected = i; selectedLoose = -1;
    if (i < 0) { panel.replaceChildren(el("p", { class: "empty" }, "Click a node to see its metadata, findings and neighbours.")); redraw(); return; }
    if (!shown(i)) { hiddenGroup[GROUP[i]] = 0; if (TYPE[i] === 0) hiddenState[STATE[i]] = 0; syncFilters(); }
    showNode(i);
    if (center) {
      scale = Math.max(scale, 0.9);
      tx = cw / 2 - (X[i] + W / 2) * scale; ty = ch / 2 - (Y[i] + H / 2) * scale;
    }
    history.replaceState(null, "", "#" + encodeURIComponent(nodes[i][6]));
    redraw();
  }

  // Search: titles and paths of every document, connected or not.
  const search = document.getElementById("search"), results = document.getElementById("results");
  const haystack = nodes.map((n) => (n[5] + "\u0000" + n[8] + "\u0000" + n[6]).toLowerCase());
  const looseHay = data.loose.map((d) => (d[1] + "\u0000" + d[0]).toLowerCase());
  let hits = [], active = 0;
  function runSearch() {
    const q = search.value.trim().toLowerCase();
    results.replaceChildren(); hits = []; active = 0;
    if (!q) { results.hidden = true; return; }
    for (let i = 0; i < N && hits.length < 50; i++) if (TYPE[i] !== 3 && haystack[i].includes(q)) hits.push(["n", i]);
    for (let j = 0; j < looseHay.length && hits.length < 50; j++) if (looseHay[j].includes(q)) hits.push(["u", j]);
    if (!hits.length) { results.append(el("li", { class: "none" }, "No document matches.")); results.hidden = false; return; }
    hits.forEach((h, k) => {
      const [title, path] = h[0] === "n" ? [nodes[h[1]][5], nodes[h[1]][6]] : [data.loose[h[1]][1], data.loose[h[1]][0]];
      const li = el("li", { class: k === 0 ? "active" : "" }, title, el("small", {}, path));
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(k); });
      results.append(li);
    });
    results.hidden = false;
  }
  function pick(k) {
    const h = hits[k];
    if (!h) return;
    results.hidden = true;
    if (h[0] === "n") select(h[1], true); else selectLoose(h[1]);
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") { pick(active); ev.preventDefault(); }
    else if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      active = Math.max(0, Math.min(hits.length - 1, active + (ev.key === "ArrowDown" ? 1 : -1)));
      [...results.children].forEach((li, k) => li.classList.toggle("active", k === active));
      ev.preventDefault();
    } else if (ev.key === "Escape") { search.value = ""; runSearch(); search.blur(); }
  });
  search.addEventListener("blur", () => { results.hidden = true; });
  document.addEventListener("keydown", (ev) => {
    if (ev.target === search) return;
    if (ev.key === "/") { search.focus(); ev.preventDefault(); }
    else if (ev.key === "0") fit();
    else if (ev.key === "+" || ev.key === "=") zoomAt(cw / 2, ch / 2, 1.25);
    else if (ev.key === "-") zoomAt(cw / 2, ch / 2, 0.8);
    else if (ev.key === "Escape") select(-1, false);
  });

  // Filters by kind and status.
  const kindsBox = document.getElementById("filter-kinds"), statesBox = document.getElementById("filter-states");
  function checkbox(text, checked, onChange) {
    const input = el("input", { type: "checkbox" });
    input.checked = checked;
    input.addEventListener("change", () => { onChange(input.checked); redraw(); });
    return [input, el("label", {}, input, " " + text)];
  }
  const kindBoxes = [], stateBoxes = [];
  kindsBox.append(el("h4", {}, "Kind"));
  data.groups.forEach((g, k) => {
    const [input, label] = checkbox(g.heading, true, (on) => { hiddenGroup[k] = on ? 0 : 1; });
    kindBoxes.push(input); kindsBox.append(label);
  });
  statesBox.append(el("h4", {}, "Status"));
  const usedStates = new Set();
  for (let i = 0; i < N; i++) if (TYPE[i] === 0) usedStates.add(STATE[i]);
  data.states.forEach((s, k) => {
    if (!usedStates.has(k)) { stateBoxes.push(null); return; }
    const [input, label] = checkbox(s.text, true, (on) => { hiddenState[k] = on ? 0 : 1; });
    stateBoxes.push(input); statesBox.append(label);
  });
  function syncFilters() {
    kindBoxes.forEach((b, k) => { b.checked = !hiddenGroup[k]; });
    stateBoxes.forEach((b, k) => { if (b) b.checked = !hiddenState[k]; });
  }

  // The legend.
  const legend = document.getElementById("legend");
  for (const k of [...usedStates].sort()) {
    const s = data.states[k];
    const sw = el("i", { style: "background:" + s.fill + ";border-color:" + s.stroke + (s.name === "retired" ? ";border-style:dashed" : "") });
    legend.append(el("div", {}, sw, s.text));
  }
  if (GAP.some((g) => g & 1)) legend.append(el("div", {}, el("i", { style: "background:#fff;border:2px solid #d00000" }), "has graph findings"));
  if (GAP.some((g) => g & 2)) legend.append(el("div", {}, el("i", { style: "background:#fff;border:2px solid #7c3aed" }), "changed"));
  if (TYPE.some((t) => t === 1)) legend.append(el("div", {}, el("i", { style: "background:#e3ecf6;border-color:#3d6a99" }), "code folder"));
  const usedHows = new Set();
  for (let e = 0; e < E; e++) usedHows.add(edges[4 * e + 2]);
  for (const h of [...usedHows].sort()) {
    const st = EDGE[h];
    legend.append(el("div", {}, el("b", { class: "line", style: "border-top:" + (h === 0 ? 3 : 2) + "px " + (st.dash.length ? "dashed " : "solid ") + st.color }), data.hows[h][1]));
  }

  const docs = data.documents;
  document.getElementById("count").textContent = docs + " document" + (docs === 1 ? "" : "s") + " · " + E + " arrow" + (E === 1 ? "" : "s");
  document.getElementById("fit").addEventListener("click", fit);
  new ResizeObserver(resize).observe(canvas);
  resize();
  fit();
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (wanted) { const i = nodes.findIndex((n) => n[6] === wanted); if (i >= 0) select(i, true); }

  // For tests and scripts: where a node is on screen, and selecting one.
  window.doccheck = {
    nodes: N,
    find: (path) => nodes.findIndex((n) => n[6] === path),
    screen(path) {
      const i = this.find(path);
      if (i < 0) return null;
      const r = canvas.getBoundingClientRect();
      return { x: r.left + tx + (X[i] + W / 2) * scale, y: r.top + ty + (Y[i] + H / 2) * scale };
    },
    select: (path) => select(nodes.findIndex((n) => n[6] === path), true),
    selected: () => (selected >= 0 ? nodes[selected][6] : null),
  };
})();
