// The review page's script: pan and zoom, collapse and expand, search,
// filters and the detail panel over the inline GSN diagram. It reads the
// case from the page's JSON island (never as markup: every value goes in
// through textContent or a vetted attribute), and its hash is in the page's
// Content-Security-Policy, so no other script can run.
(function () {
  "use strict";
  const island = document.getElementById("review-data");
  const view = document.getElementById("rv-view");
  if (!island || !view) return;
  const svg = view.querySelector("svg.gsn");
  const nodeLayer = svg && svg.querySelector("g.gsn-nodes");
  const edgeLayer = svg && svg.querySelector("g.gsn-edges");
  if (!svg || !nodeLayer || !edgeLayer) return;
  const data = JSON.parse(island.textContent);
  // False flags and empty lists are left out of the island.
  const nodes = data.nodes.map((node) =>
    Object.assign({ findings: [], doubts: [], primary: !node.copy }, node),
  );
  const edges = data.edges;
  const doubts = data.doubts;
  const n = nodes.length;
  const els = Array.from(nodeLayer.children).filter((g) => g.classList.contains("gsn-node"));
  if (els.length !== n) {
    console.error("review: " + els.length + " nodes drawn, " + n + " described");
    return;
  }
  document.documentElement.classList.add("rv-js");

  // Each drawn edge is a path without a class (or a challenge); the marks
  // drawn on it (a crossing-out, a pattern mark) follow it.
  const edgeEls = edges.map(() => []);
  const drawnEdges = [];
  edges.forEach((e, i) => {
    if (!e.undrawn) drawnEdges.push(i);
  });
  let k = -1;
  for (const el of Array.from(edgeLayer.children)) {
    const cls = el.getAttribute("class");
    if (el.localName === "path" && (cls === null || cls === "gsn-challenges")) k += 1;
    if (k >= 0 && k < drawnEdges.length) edgeEls[drawnEdges[k]].push(el);
  }
  if (k + 1 !== drawnEdges.length) {
    console.error("review: " + (k + 1) + " edges drawn, " + drawnEdges.length + " described");
  }

  // The argument as a tree to fold: a defeater hangs below what it
  // challenges, so it belongs to that sub-argument.
  const out = nodes.map(() => []);
  const into = nodes.map(() => []);
  edges.forEach((e, i) => {
    const challenge = e.rel === "challenges";
    const from = challenge ? e.to : e.from;
    const to = challenge ? e.from : e.to;
    out[from].push({ to: to, beside: e.beside === true, edge: i });
    into[to].push({ from: from, beside: e.beside === true, edge: i });
  });
  const source = (e) => (e.rel === "challenges" ? e.to : e.from);
  const collapsible = (i) => out[i].some((o) => !o.beside);
  function walk(seen, start, folded) {
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop();
      for (const o of out[i]) {
        if (folded && folded[i] && !o.beside) continue;
        if (!seen[o.to]) {
          seen[o.to] = 1;
          stack.push(o.to);
        }
      }
    }
  }
  const roots = [];
  const reached = new Uint8Array(n);
  for (let i = 0; i !== n; i++) if (into[i].length === 0) roots.push(i);
  for (const r of roots) if (!reached[r]) walk(reached, r, null);
  for (let i = 0; i !== n; i++) {
    // Only a cycle is left: start from its first element drawn.
    if (!reached[i]) {
      roots.push(i);
      walk(reached, i, null);
    }
  }

  const SHAPES = {
    goal: "Goal",
    strategy: "Strategy",
    solution: "Solution",
    context: "Context",
    assumption: "Assumption",
    justification: "Justification",
  };
  const shapeName = (node) =>
    node.kind === "defeater" ? "Counter-goal" : node.counter ? "Counter-solution" : SHAPES[node.shape] || node.shape;
  const collapsed = new Uint8Array(n);
  let hidden = new Uint8Array(n);
  let selected = -1;
  let filter = "";
  let query = "";

  // ---- Building the panel: elements with text, never markup.
  function h(tag, attrs, children) {
    const el = document.createElement(tag);
    for (const name in attrs || {}) el.setAttribute(name, attrs[name]);
    for (const child of children || []) {
      if (child === null || child === undefined) continue;
      el.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }
  function button(label, action, attrs) {
    const b = h("button", Object.assign({ type: "button" }, attrs || {}), [label]);
    b.addEventListener("click", action);
    return b;
  }
  function row(dl, term, ...values) {
    dl.appendChild(h("dt", {}, [term]));
    dl.appendChild(h("dd", {}, values));
  }

  function label(i) {
    const node = nodes[i];
    let text = node.text.length > 160 ? node.text.slice(0, 157) + "…" : node.text;
    let name = shapeName(node) + " " + node.id + ": " + text;
    if (node.risk) name += "; risk bound " + node.risk;
    if (node.findings.length > 0) {
      name += "; " + node.findings.length + (node.findings.length === 1 ? " finding" : " findings");
    }
    if (collapsible(i)) name += collapsed[i] ? "; collapsed" : "; expanded";
    return name;
  }

  // ---- Pan and zoom: a CSS transform on the diagram in its viewport.
  const W = parseFloat(svg.getAttribute("width")) || 1;
  const H = parseFloat(svg.getAttribute("height")) || 1;
  let s = 1;
  let tx = 0;
  let ty = 0;
  const box = () => view.getBoundingClientRect();
  const fitScale = () => {
    const r = box();
    return Math.min(r.width / W, r.height / H);
  };
  function clampPan() {
    const r = box();
    const margin = 40;
    tx = Math.min(r.width - margin, Math.max(margin - W * s, tx));
    ty = Math.min(r.height - margin, Math.max(margin - H * s, ty));
  }
  function apply() {
    clampPan();
    svg.style.transform = "translate(" + tx + "px, " + ty + "px) scale(" + s + ")";
  }
  function zoomAt(factor, px, py) {
    const next = Math.min(4, Math.max(Math.min(fitScale(), 1) * 0.5, s * factor));
    tx = px - ((px - tx) * next) / s;
    ty = py - ((py - ty) * next) / s;
    s = next;
    apply();
  }
  function zoom(factor) {
    const r = box();
    zoomAt(factor, r.width / 2, r.height / 2);
  }
  function fit() {
    const r = box();
    s = Math.min(1, fitScale());
    tx = (r.width - W * s) / 2;
    ty = Math.max(0, (r.height - H * s) / 2);
    apply();
  }
  // Where node i is, in the diagram's own pixels.
  function place(i) {
    const g = els[i].getBoundingClientRect();
    const d = svg.getBoundingClientRect();
    return { x: (g.left - d.left) / s, y: (g.top - d.top) / s, w: g.width / s, h: g.height / s };
  }
  function centre(i) {
    const r = box();
    const p = place(i);
    tx = r.width / 2 - s * (p.x + p.w / 2);
    ty = r.height / 2 - s * (p.y + p.h / 2);
    apply();
  }
  function ensureVisible(i) {
    const r = box();
    const p = place(i);
    const left = tx + s * p.x;
    const top = ty + s * p.y;
    if (left < 8 || top < 8 || left + s * p.w > r.width - 8 || top + s * p.h > r.height - 8) centre(i);
  }
  // The opening view: the top claim at the top, at full size unless the
  // whole width fits at a readable size.
  function home() {
    const r = box();
    const width = r.width / W;
    const scale = width >= 1 ? 1 : width >= 0.7 ? width : 1;
    if (n === 0) {
      s = scale;
      tx = 0;
      ty = 0;
      apply();
      return;
    }
    const top = data.top;
    reveal(top);
    const p = place(top);
    s = scale;
    tx =
      W * s <= r.width
        ? (r.width - W * s) / 2
        : Math.min(0, Math.max(r.width - W * s, r.width / 2 - s * (p.x + p.w / 2)));
    ty = s * (p.y + p.h) + 16 <= r.height ? 0 : 16 - s * p.y;
    apply();
  }

  // ---- Collapse and expand.
  function refresh() {
    const seen = new Uint8Array(n);
    for (const r of roots) if (!seen[r]) walk(seen, r, collapsed);
    hidden = seen.map((v) => (v ? 0 : 1));
    els.forEach((g, i) => {
      g.classList.toggle("rv-hidden", hidden[i] === 1);
      if (collapsible(i)) g.setAttribute("aria-expanded", collapsed[i] ? "false" : "true");
      g.setAttribute("aria-label", label(i));
      badge(i);
    });
    edges.forEach((e, i) => {
      const off = hidden[e.from] === 1 || hidden[e.to] === 1 || (collapsed[source(e)] === 1 && !e.beside);
      for (const el of edgeEls[i]) el.classList.toggle("rv-hidden", off);
    });
    marks();
    if (selected >= 0) panel(selected);
  }
  // How many elements are out of sight below a collapsed one.
  function below(i) {
    const seen = new Uint8Array(n);
    walk(seen, i, null);
    let count = 0;
    for (let j = 0; j !== n; j++) if (seen[j] && hidden[j]) count += 1;
    return count;
  }
  const SVG = "http://www.w3.org/2000/svg";
  function badge(i) {
    const g = els[i];
    const old = g.querySelector("g.rv-badge");
    if (old) old.remove();
    if (!collapsed[i] || hidden[i]) return;
    const b = g.getBBox();
    const mark = document.createElementNS(SVG, "g");
    mark.setAttribute("class", "rv-badge");
    const text = document.createElementNS(SVG, "text");
    text.textContent = "+" + below(i);
    const width = 10 + 7 * text.textContent.length;
    const rect = document.createElementNS(SVG, "rect");
    rect.setAttribute("x", String(b.x + b.width - width));
    rect.setAttribute("y", String(b.y + b.height + 2));
    rect.setAttribute("width", String(width));
    rect.setAttribute("height", "16");
    rect.setAttribute("rx", "8");
    text.setAttribute("x", String(b.x + b.width - width / 2));
    text.setAttribute("y", String(b.y + b.height + 14));
    text.setAttribute("text-anchor", "middle");
    mark.appendChild(rect);
    mark.appendChild(text);
    g.appendChild(mark);
  }
  function toggle(i) {
    if (!collapsible(i)) return;
    collapsed[i] = collapsed[i] ? 0 : 1;
    refresh();
  }
  // Unfold whatever hides node i: every collapsed element above it.
  function reveal(i) {
    if (!hidden[i]) return;
    const seen = new Uint8Array(n);
    const stack = [i];
    seen[i] = 1;
    while (stack.length > 0) {
      const j = stack.pop();
      for (const o of into[j]) {
        if (!o.beside) collapsed[o.from] = 0;
        if (!seen[o.from]) {
          seen[o.from] = 1;
          stack.push(o.from);
        }
      }
    }
    refresh();
  }

  // ---- Search and filters.
  const FILTERS = {
    findings: (node) => node.findings.length > 0,
    undeveloped: (node) => node.kind === "claim" && (node.developed === false || node.undeveloped),
    stale: (node) => node.stale,
  };
  const matchesQuery = (node) =>
    query !== "" && (node.id.toLowerCase().includes(query) || node.text.toLowerCase().includes(query));
  function marks() {
    const keep = filter ? FILTERS[filter] : null;
    els.forEach((g, i) => {
      g.classList.toggle("rv-match", matchesQuery(nodes[i]));
      g.classList.toggle("rv-dim", keep !== null && !keep(nodes[i]));
    });
    edges.forEach((e, i) => {
      const dim = keep !== null && !(keep(nodes[e.from]) && keep(nodes[e.to]));
      for (const el of edgeEls[i]) el.classList.toggle("rv-dim", dim);
    });
  }
  const results = document.getElementById("rv-results");
  let found = [];
  let cursor = -1;
  function list() {
    const keep = filter ? FILTERS[filter] : null;
    found = [];
    const ids = new Set();
    nodes.forEach((node, i) => {
      if (query === "" && keep === null) return;
      if (query !== "" && !matchesQuery(node)) return;
      if (keep !== null && !keep(node)) return;
      if (ids.has(node.id)) return;
      ids.add(node.id);
      found.push(i);
    });
    cursor = -1;
    if (!results) return;
    results.textContent = "";
    if (query === "" && keep === null) return;
    let what = keep !== null ? document.getElementById("rv-filter").selectedOptions[0].textContent : "Elements";
    if (query !== "") what += " matching “" + query + "”";
    results.appendChild(h("p", { id: "rv-count" }, [what + ": " + (found.length === 0 ? "none" : found.length)]));
    const ul = h("ul", {}, []);
    for (const i of found.slice(0, 200)) {
      ul.appendChild(h("li", {}, [button(nodes[i].id, () => go(i), { "aria-label": label(i) })]));
    }
    if (found.length > 200) ul.appendChild(h("li", {}, ["… and " + (found.length - 200) + " more"]));
    results.appendChild(ul);
  }
  // Show node i: unfolded, in view, selected and focused.
  function go(i) {
    reveal(i);
    select(i);
    ensureVisible(i);
    els[i].focus({ preventScroll: true });
    const r = view.getBoundingClientRect();
    if (r.top < 0 || r.bottom > window.innerHeight) view.scrollIntoView({ block: "nearest" });
  }

  // ---- The detail panel.
  const panelEl = document.getElementById("rv-panel");
  function byId(id) {
    let first = -1;
    for (let i = 0; i !== n; i++) {
      if (nodes[i].id === id) {
        if (nodes[i].primary) return i;
        if (first < 0) first = i;
      }
    }
    return first;
  }
  function ref(id) {
    const i = byId(id);
    if (i < 0) return h("code", {}, [id]);
    return button(id, () => go(i), { class: "rv-ref", "aria-label": "Go to " + id });
  }
  function refs(ids) {
    const span = h("span", { class: "rv-links" }, []);
    ids.forEach((id) => span.appendChild(ref(id)));
    return span;
  }
  function panel(i) {
    if (!panelEl) return;
    const node = nodes[i];
    panelEl.textContent = "";
    panelEl.appendChild(h("h3", {}, [h("code", {}, [node.id])]));
    const kind = [shapeName(node) + " (" + node.kind + ")"];
    if (!node.primary) kind.push("drawn again beside another element");
    panelEl.appendChild(h("p", { class: "rv-kind" }, [kind.join("; ")]));
    panelEl.appendChild(h("p", { class: "rv-text" }, [node.text]));
    const dl = h("dl", {}, []);
    if (node.category) row(dl, "Category", node.category);
    if (node.block) row(dl, "Building block", node.block);
    if (node.supporting) row(dl, "Role", "supporting argument (shown, not relied on)");
    if (node.kind === "claim") {
      row(dl, "Status", node.developed ? "developed down to evidence" : "undeveloped");
    }
    if (node.risk) row(dl, "Risk bound", h("span", { class: "rv-bound", id: "rv-bound" }, [node.risk]));
    else if (node.kind === "claim") {
      row(dl, "Risk bound", h("span", { class: "rv-bound", id: "rv-bound" }, ["unknown"]));
    }
    if (node.rule) row(dl, "How", node.rule);
    if (node.strength) row(dl, "Strength", node.strength);
    else if (node.kind === "claim") row(dl, "Strength", "unrated");
    if (node.evidence) {
      const ev = node.evidence;
      row(dl, "Evidence", ev.status + (node.stale ? " (stale)" : ""));
      if (node.artifact) {
        let artifact = h("code", {}, [node.artifact]);
        if (node.link) artifact = h("a", { href: node.link, target: "_blank", rel: "noopener" }, [artifact]);
        row(dl, "Artifact", artifact, ev.sha256 ? " (sha256 pinned)" : "");
      } else {
        row(dl, "Artifact", "none");
      }
      if (ev.date) row(dl, "Date", ev.date);
      if (ev.result) row(dl, "Result", ev.result);
    }
    if (node.origin) row(dl, "Origin", node.origin);
    panelEl.appendChild(dl);
    if (node.findings.length > 0) {
      panelEl.appendChild(h("h4", {}, ["Findings (" + node.findings.length + ")"]));
      const ul = h("ul", { class: "rv-findings" }, []);
      for (const f of node.findings) {
        ul.appendChild(h("li", { class: f.severity }, [f.severity + "[" + f.code + "]: " + f.message]));
      }
      panelEl.appendChild(ul);
    }
    const doubtList = (title, indices) => {
      if (indices.length === 0) return;
      panelEl.appendChild(h("h4", {}, [title]));
      const ul = h("ul", { class: "rv-doubts" }, []);
      for (const d of indices.map((j) => doubts[j])) {
        const li = h("li", {}, [ref(d.id), " " + d.state + (d.doubt ? ", " + d.doubt : "") + ": " + d.text]);
        if (d.challenges.length === 2 && d.link) {
          li.appendChild(h("div", {}, ["challenges the link ", ref(d.challenges[0]), " → ", ref(d.challenges[1])]));
        } else if (d.challenges.length > 0) {
          li.appendChild(h("div", {}, ["challenges ", refs(d.challenges)]));
        }
        if (d.answered_by.length > 0) li.appendChild(h("div", {}, ["answered by ", refs(d.answered_by)]));
        if (d.residual) li.appendChild(h("div", {}, ["residual doubt: " + d.residual]));
        ul.appendChild(li);
      }
      panelEl.appendChild(ul);
    };
    doubtList("This doubt", node.defeater === undefined ? [] : [node.defeater]);
    doubtList("Doubts raised against it (" + node.doubts.length + ")", node.doubts);
    const related = (title, ids) => {
      if (ids.length === 0) return;
      panelEl.appendChild(h("h4", {}, [title]));
      panelEl.appendChild(h("p", {}, [refs(Array.from(new Set(ids)))]));
    };
    const rel = (pick, test) => pick.filter((o) => test(edges[o.edge]));
    related(
      "Supported by",
      rel(out[i], (e) => e.rel === "supported-by").map((o) => nodes[o.to].id),
    );
    related(
      "In context of",
      rel(out[i], (e) => e.rel === "in-context-of").map((o) => nodes[o.to].id),
    );
    related(
      "Supports",
      rel(into[i], (e) => e.rel === "supported-by").map((o) => nodes[o.from].id),
    );
    related(
      "Context of",
      rel(into[i], (e) => e.rel === "in-context-of").map((o) => nodes[o.from].id),
    );
    const actions = h("p", { class: "rv-actions" }, []);
    if (collapsible(i)) {
      actions.appendChild(
        button(collapsed[i] ? "Expand" : "Collapse", () => {
          toggle(i);
          els[i].focus({ preventScroll: true });
        }, { id: "rv-toggle", "aria-expanded": collapsed[i] ? "false" : "true" }),
      );
    }
    actions.appendChild(button("Centre in view", () => centre(i)));
    panelEl.appendChild(actions);
  }
  function select(i) {
    if (selected >= 0) els[selected].classList.remove("rv-selected");
    selected = i;
    els[i].classList.add("rv-selected");
    panel(i);
  }

  // ---- Wiring.
  svg.setAttribute("role", "group");
  svg.setAttribute(
    "aria-label",
    "GSN diagram of " + n + " elements: Tab moves between them, Enter collapses or expands one, arrow keys follow the links",
  );
  els.forEach((g, i) => {
    g.setAttribute("tabindex", "0");
    g.setAttribute("role", "button");
    g.setAttribute("data-index", String(i));
    // The element is the stop; its artifact is linked from the panel.
    for (const a of Array.from(g.querySelectorAll("a"))) a.setAttribute("tabindex", "-1");
    g.addEventListener("focus", () => {
      if (selected !== i) select(i);
      if (!pressing) ensureVisible(i);
    });
  });
  const nodeOf = (target) => {
    const g = target.closest ? target.closest("g.gsn-node") : null;
    return g ? els.indexOf(g) : -1;
  };

  const pointers = new Map();
  // A press focuses the element under it: that must not move the view.
  let pressing = false;
  let drag = null;
  let moved = false;
  let pinch = null;
  const spread = () => {
    const [a, b] = Array.from(pointers.values());
    return Math.hypot(a.x - b.x, a.y - b.y) || 1;
  };
  view.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    pressing = true;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 1) {
      drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty };
      moved = false;
    } else if (pointers.size === 2) {
      pinch = { spread: spread(), s: s };
      drag = null;
    }
  });
  view.addEventListener("pointermove", (e) => {
    if (!pointers.has(e.pointerId)) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch && pointers.size === 2) {
      const [a, b] = Array.from(pointers.values());
      const r = box();
      moved = true;
      zoomAt((pinch.s * spread()) / pinch.spread / s, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top);
      return;
    }
    if (!drag) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) > 4) {
      moved = true;
      try {
        view.setPointerCapture(e.pointerId);
      } catch (err) {
        // The pointer is already gone: nothing to capture.
      }
      view.classList.add("rv-panning");
    }
    if (moved) {
      tx = drag.tx + dx;
      ty = drag.ty + dy;
      apply();
    }
  });
  const release = (e) => {
    pressing = false;
    pointers.delete(e.pointerId);
    if (pointers.size < 2) pinch = null;
    if (pointers.size === 0) {
      drag = null;
      view.classList.remove("rv-panning");
    }
  };
  view.addEventListener("pointerup", release);
  view.addEventListener("pointercancel", release);
  view.addEventListener(
    "click",
    (e) => {
      const i = nodeOf(e.target);
      if (i >= 0 || moved) e.preventDefault();
      if (moved) {
        moved = false;
        e.stopPropagation();
        return;
      }
      if (i >= 0) {
        select(i);
        els[i].focus({ preventScroll: true });
      }
    },
    true,
  );
  view.addEventListener("dblclick", (e) => {
    const i = nodeOf(e.target);
    if (i >= 0) toggle(i);
  });
  view.addEventListener(
    "wheel",
    (e) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const r = box();
      zoomAt(Math.exp(-e.deltaY * 0.002), e.clientX - r.left, e.clientY - r.top);
    },
    { passive: false },
  );
  const visible = (list) => list.filter((j) => !hidden[j]);
  view.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const i = nodeOf(e.target);
    let handled = true;
    if (i >= 0 && e.key === "Enter") toggle(i);
    else if (e.key === "+" || e.key === "=") zoom(1.25);
    else if (e.key === "-") zoom(0.8);
    else if (e.key === "0") fit();
    else if (e.key === "Home") home();
    else if (e.key === "Escape" && selected >= 0) els[selected].blur();
    else if (i >= 0 && e.key.startsWith("Arrow")) {
      const children = visible(out[i].filter((o) => !o.beside).map((o) => o.to));
      const parents = visible(into[i].map((o) => o.from));
      let next = -1;
      if (e.key === "ArrowDown") next = children.length > 0 ? children[0] : -1;
      else if (e.key === "ArrowUp") next = parents.length > 0 ? parents[0] : -1;
      else if (parents.length > 0) {
        const siblings = visible(out[parents[0]].map((o) => o.to));
        const at = siblings.indexOf(i);
        next = siblings[at + (e.key === "ArrowLeft" ? -1 : 1)];
        if (next === undefined) next = -1;
      }
      if (next >= 0) els[next].focus({ preventScroll: true });
    } else if (i < 0 && e.key.startsWith("Arrow")) {
      const step = 60;
      if (e.key === "ArrowLeft") tx += step;
      else if (e.key === "ArrowRight") tx -= step;
      else if (e.key === "ArrowUp") ty += step;
      else ty -= step;
      apply();
    } else handled = false;
    if (handled) e.preventDefault();
  });

  const on = (id, what, action) => {
    const el = document.getElementById(id);
    if (el) el.addEventListener(what, action);
    return el;
  };
  on("rv-zoom-in", "click", () => zoom(1.25));
  on("rv-zoom-out", "click", () => zoom(0.8));
  on("rv-fit", "click", fit);
  on("rv-home", "click", () => {
    home();
    if (n > 0) select(data.top);
  });
  on("rv-expand", "click", () => {
    collapsed.fill(0);
    refresh();
  });
  on("rv-collapse", "click", () => {
    for (let i = 0; i !== n; i++) collapsed[i] = collapsible(i) ? 1 : 0;
    refresh();
    home();
  });
  const searchEl = on("rv-search", "input", (e) => {
    query = e.target.value.trim().toLowerCase();
    marks();
    list();
  });
  if (searchEl) {
    searchEl.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && found.length > 0) {
        e.preventDefault();
        cursor = (cursor + 1) % found.length;
        const i = found[cursor];
        reveal(i);
        select(i);
        ensureVisible(i);
      } else if (e.key === "Escape") {
        searchEl.value = "";
        query = "";
        marks();
        list();
      }
    });
  }
  on("rv-filter", "change", (e) => {
    filter = FILTERS[e.target.value] ? e.target.value : "";
    marks();
    list();
  });
  // Links to the diagram (the findings, claims and evidence tables) show
  // the element here.
  document.addEventListener("click", (e) => {
    const a = e.target.closest ? e.target.closest("a[href^='#node-']") : null;
    if (!a || view.contains(a)) return;
    const g = document.getElementById(a.getAttribute("href").slice(1));
    const i = g ? els.indexOf(g) : -1;
    if (i < 0) return;
    e.preventDefault();
    go(i);
  });
  window.addEventListener("resize", apply);
  window.addEventListener("beforeprint", () => {
    for (const d of Array.from(document.querySelectorAll("details.rv-key"))) d.open = true;
  });

  refresh();
  home();
  const target = location.hash.startsWith("#node-") ? document.getElementById(location.hash.slice(1)) : null;
  const start = target ? els.indexOf(target) : -1;
  if (start >= 0) go(start);
  else if (n > 0) select(data.top);
  document.documentElement.setAttribute("data-review", "ready");
})();
