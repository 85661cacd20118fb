// The script of `ftriage report`'s page (cli/report/report.js): renders the
// summary and the side-by-side call trees from the JSON that ftriage wrote
// into <script id="ftriage-data">. Only the rows in view exist in the DOM,
// so 100k calls per run stay responsive.
//
// Data (written by cli/report/report_html.cc):
//   title, meta {version, command_line}
//   summary {failure (as `errors --json`), divergence (as `diff --json`),
//            differences [{kind, function, good_line, bad_line,
//            on_failing_path}], differences_total, matched, noise,
//            good_fails_too (the note, when GOOD fails too),
//            capture_limits [{run, setting, sentence,
//            cites}]}
//   explanations [{kind, certainty, function, option, kernel, sentence,
//                  evidence [{input, path, line, text}]}]
//   diagnostics [{run, code, severity, count}]
//   errno_meanings {"22": "Invalid argument"}
//   sides [{role: "good"|"bad", files, call {function, file, line, why},
//           calls {name, line, file, depth, dur, ret, err, notes}}]
//     calls: columns over the compared call's subtree in pre-order; name,
//     ret and notes index `strings` (-1: none); dur in ns (-1: unknown).
//   rows {g, b, end, kind, marks, focus}: the merged tree in pre-order;
//     g/b index the calls of GOOD/BAD (-1: none); a row's subtree is
//     [row, end); kind and marks as cli/report/report_rows.h.
//   strings
// URL fragments: #search=NAME, #good:LINE, #bad:LINE.
(function () {
  "use strict";

  const D = JSON.parse(document.getElementById("ftriage-data").textContent);
  const S = D.strings;
  const ROW_H = 20;
  const OVERSCAN = 15;
  const KINDS = ["plain", "only-good", "only-bad", "noise", "collapsed-bad",
    "collapsed-good"];
  const M = {
    PATH: 1, FOCUS: 2, PARENT: 4, LAST_COMMON: 8, FIRST_GOOD_ONLY: 16,
    FIRST_BAD_ONLY: 32, RETVAL_DIFF: 64, DURATION_DIFF: 128, FAILING: 256,
    ORIGIN: 512, WINDOW_AFTER: 1024,
  };

  const two = D.sides.length === 2;
  const good = two ? D.sides[0] : null;
  const bad = D.sides[two ? 1 : 0];
  const R = D.rows;
  const n = R.end.length;

  const $ = (id) => document.getElementById(id);
  const treeEl = $("tree");
  const rowsEl = $("rows");
  const spacerEl = $("spacer");
  const searchEl = $("search");
  const statusEl = $("search-status");

  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({
      "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
    })[c]);
  }

  // ---- The row tree: parents, open rows, the visible list ----

  const parent = new Int32Array(n);
  (function () {
    const stack = [];
    for (let i = 0; i < n; i++) {
      while (stack.length && R.end[stack[stack.length - 1]] <= i) stack.pop();
      parent[i] = stack.length ? stack[stack.length - 1] : -1;
      stack.push(i);
    }
  })();
  const hasKids = (r) => R.end[r] > r + 1;

  const open = new Uint8Array(n);
  let visible = [];
  let pos = new Int32Array(n);
  let cursor = R.focus;

  function resetOpen() {
    open.fill(0);
    for (let i = 0; i < n; i++) if (R.marks[i] & M.PATH) open[i] = 1;
  }

  function computeVisible() {
    visible = [];
    pos.fill(-1);
    for (let i = 0; i < n;) {
      pos[i] = visible.length;
      visible.push(i);
      i = open[i] && hasKids(i) ? i + 1 : R.end[i];
    }
    spacerEl.style.height = visible.length * ROW_H + "px";
  }

  function reveal(r) {
    for (let p = parent[r]; p >= 0; p = parent[p]) open[p] = 1;
    computeVisible();
  }

  // ---- Rendering the rows in view ----

  function fmtDur(ns) {
    if (ns < 0) return "?";
    return (ns / 1000).toFixed(3) + " us";
  }

  let query = "";
  let matchSet = new Set();
  let matches = [];
  let current = -1;

  function nameHtml(name) {
    if (!query) return esc(name);
    const at = name.toLowerCase().indexOf(query);
    if (at < 0) return esc(name);
    return esc(name.slice(0, at)) + "<mark>" +
      esc(name.slice(at, at + query.length)) + "</mark>" +
      esc(name.slice(at + query.length));
  }

  function markBadges(r) {
    const m = R.marks[r];
    const out = [];
    if (two && (m & M.FOCUS)) out.push(["focus", "\u25c6 divergence"]);
    if (m & M.PARENT) out.push(["mark", "the runs part in here"]);
    if (m & M.LAST_COMMON) out.push(["mark", "last common"]);
    if (m & M.FIRST_GOOD_ONLY) out.push(["mark", "first only GOOD"]);
    if (m & M.FIRST_BAD_ONLY) out.push(["mark", "first only BAD"]);
    if (m & M.RETVAL_DIFF) out.push(["mark", "returns differently"]);
    if (m & M.DURATION_DIFF) out.push(["mark", "100\u00d7 time"]);
    if (m & M.ORIGIN) out.push(["mark", "errno origin"]);
    if (m & M.WINDOW_AFTER) out.push(["mark", "error window after this"]);
    const kind = R.kind[r];
    if (kind === 4) out.push(["mark", "collapsed in BAD"]);
    if (kind === 5) out.push(["mark", "collapsed in GOOD"]);
    return out.map(([c, t]) => `<span class="badge ${c}">${t}</span>`)
      .join("");
  }

  function cellHtml(side, x, r, badges, cls) {
    if (x < 0) return '<div class="cell empty"></div>';
    const c = side.calls;
    const line = c.line[x];
    const file = side.files[c.file[x]] || side.files[0];
    const name = S[c.name[x]];
    let tw = " ";
    if (hasKids(r)) tw = open[r] ? "\u25be" : "\u25b8";
    // Values and badges before the notes, which may be cut at the edge.
    let extra = "";
    if (c.err[x] > 0) {
      const meaning = D.errno_meanings[c.err[x]] || "";
      extra += `<span class="badge err" title="${esc(meaning)}">` +
        `${esc(S[c.ret[x]])}</span>`;
    } else if (c.ret[x] >= 0) {
      extra += ` <span class="ret">= ${esc(S[c.ret[x]])}</span>`;
    }
    extra += badges;
    if (c.notes[x] >= 0) {
      extra += ` <span class="note">[${esc(S[c.notes[x]])}]</span>`;
    }
    return `<div class="cell${cls}" title="${esc(file)}:${line}">` +
      `<a class="ln" href="#${side.role}:${line}">${line}</a>` +
      `<span class="dur">${fmtDur(c.dur[x])}</span>` +
      `<span class="name" style="padding-left:${c.depth[x] * 14}px">` +
      `<span class="tw">${tw}</span><span class="fn">${nameHtml(name)}` +
      `</span>${extra}</span></div>`;
  }

  function rowHtml(r) {
    const m = R.marks[r];
    let cls = "row k-" + KINDS[R.kind[r]];
    if (m & M.FOCUS) cls += " focus";
    if (m & M.PATH) cls += " path";
    if (matchSet.has(r)) cls += " hit";
    if (r === matches[current]) cls += " current";
    if (r === cursor) cls += " cursor";
    const badges = markBadges(r);
    const b = R.b[r];
    let html = `<div class="${cls}" data-r="${r}" role="treeitem">`;
    if (two) html += cellHtml(good, R.g[r], r, b < 0 ? badges : "", "");
    html += cellHtml(bad, b, r, b < 0 ? "" : badges,
      m & M.FAILING ? " failing" : "");
    return html + "</div>";
  }

  let pending = false;
  function render() {
    pending = false;
    const top = treeEl.scrollTop;
    const h = treeEl.clientHeight || 600;
    const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
    const last = Math.min(visible.length,
      Math.ceil((top + h) / ROW_H) + OVERSCAN);
    let html = "";
    for (let k = first; k < last; k++) html += rowHtml(visible[k]);
    rowsEl.style.transform = `translateY(${first * ROW_H}px)`;
    rowsEl.innerHTML = html;
  }
  function schedule() {
    if (!pending) {
      pending = true;
      requestAnimationFrame(render);
    }
  }

  // Scrolls row |r| into view (a third from the top when it was out).
  function scrollTo(r) {
    const y = pos[r] * ROW_H;
    const h = treeEl.clientHeight || 600;
    if (y < treeEl.scrollTop || y + ROW_H > treeEl.scrollTop + h) {
      treeEl.scrollTop = Math.max(0, y - Math.floor(h / 3));
    }
  }

  function goTo(r) {
    reveal(r);
    cursor = r;
    scrollTo(r);
    render();
  }

  function toggle(r, state) {
    if (!hasKids(r)) return;
    open[r] = state === undefined ? 1 - open[r] : state;
    computeVisible();
    render();
  }

  function move(delta) {
    const k = Math.max(0, Math.min(visible.length - 1, pos[cursor] + delta));
    cursor = visible[k];
    scrollTo(cursor);
    render();
  }

  // ---- Search ----

  function search(q) {
    query = q.trim().toLowerCase();
    matches = [];
    current = -1;
    if (query) {
      const hit = S.map((s) => s.toLowerCase().includes(query));
      const named = (side, x) => x >= 0 && hit[side.calls.name[x]];
      for (let r = 0; r < n; r++) {
        if ((two && named(good, R.g[r])) || named(bad, R.b[r])) matches.push(r);
      }
    }
    matchSet = new Set(matches);
    step(1);
  }

  function step(dir) {
    if (!matches.length) {
      statusEl.textContent = query ? "no match" : "";
      delete document.body.dataset.searchHit;
      render();
      return;
    }
    current = current < 0 ? (dir > 0 ? 0 : matches.length - 1)
      : (current + dir + matches.length) % matches.length;
    const r = matches[current];
    const x = R.b[r] >= 0 ? R.b[r] : R.g[r];
    const side = R.b[r] >= 0 ? bad : good;
    const name = S[side.calls.name[x]];
    statusEl.textContent = `${current + 1} of ${matches.length}`;
    document.body.dataset.searchHit = name;
    document.body.dataset.searchRow = r;
    goTo(r);
  }

  // ---- Summary ----

  const errnoText = (e) => `${e.number}${e.name ? " " + e.name : ""}`;
  const link = (role, line, text) =>
    `<a href="#${role}:${line}"><code>${esc(text)}</code></a>`;
  const callLink = (role, c) => c ? link(role, c.line, c.function) +
    ` <span class="why">line ${c.line}</span>` : "\u2014";
  const pairLink = (p) => {
    if (!p) return "\u2014";
    const role = p.bad_line !== undefined ? "bad" : "good";
    const line = p.bad_line !== undefined ? p.bad_line : p.good_line;
    const lines = [];
    if (p.good_line !== undefined) lines.push("GOOD line " + p.good_line);
    if (p.bad_line !== undefined) lines.push("BAD line " + p.bad_line);
    const other = p.good_function ?
      ` (GOOD: <code>${esc(p.good_function)}</code>)` : "";
    return link(role, line, p.function) + other +
      ` <span class="why">${lines.join(", ")}</span>`;
  };
  const facts = (items) => '<dl class="facts">' + items
    .filter((x) => x)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("") + "</dl>";

  function failureHtml() {
    const f = D.summary.failure;
    const c = bad.call;
    const capture = (D.summary.capture_limits || [])
      .map((n) => ["Capture", esc(n.sentence)]);
    if (!f) {
      return facts([["Call", callLink("bad", c) + ` <span class="why">` +
        `${esc(c.why)}; it did not fail</span>`], ...capture]);
    }
    const o = f.origin || {};
    let origin = "unknown";
    if (o.function) {
      origin = callLink("bad", o);
    } else if (o.window && o.window.after) {
      origin = "not in the trace; error window: in " +
        `<code>${esc(o.window.in.function)}</code> after ` +
        callLink("bad", o.window.after);
    } else if (o.window) {
      origin = "not in the trace; somewhere inside " +
        callLink("bad", o.window.in);
    }
    origin += ` <span class="badge kind">${esc(o.confidence || "")}</span>`;
    const chain = (f.chain || []).map((l) => link("bad", l.line, l.function))
      .join(" \u2192 ");
    const err = f.errno;
    return facts([
      ["Failing call", (f.syscall ? `<code>${esc(f.syscall)}</code> ` +
        "syscall, " : "") + callLink("bad", c.function ? c : null) +
        ` <span class="why">in ${esc(c.file)}</span>`],
      f.args_decoded && ["Arguments", `<code>${esc(f.args_decoded)}</code>`],
      ["errno", `<span class="badge err">${esc(errnoText(err))}</span> ` +
        esc(err.meaning || "")],
      ["Origin", origin],
      chain && ["Chain", chain],
      ...(f.notes || []).map((t) => ["Note", esc(t)]),
      ...capture,
    ]);
  }

  function divergenceHtml() {
    const s = D.summary;
    const v = s.divergence;
    const run = (side) => `<code>${esc(side.call.file)}</code> line ` +
      `${side.call.line}: ` + link(side.role, side.call.line,
        side.call.function) + ` <span class="why">${esc(side.call.why)}` +
      "</span>";
    const items = [["GOOD", run(good)], ["BAD", run(bad)]];
    if (s.good_fails_too) {
      items.push(["Note", esc(s.good_fails_too)]);
    }
    if (!v) {
      items.push(["Divergence", s.differences.length ?
        "none on BAD's failing path" : "no difference in the compared calls"]);
    } else if (v.different_return) {
      items.push(["Divergence in", pairLink(v.parent)]);
      items.push(["Both call", pairLink(v.different_return) +
        ", but BAD's returns " + esc(v.bad_outcome.text)]);
    } else {
      items.push(["Divergence in", pairLink(v.parent)]);
      items.push(["Last common call", pairLink(v.last_common)]);
      items.push(["First only GOOD", pairLink(v.first_good_only)]);
      items.push(["First only BAD", pairLink(v.first_bad_only)]);
      items.push(["BAD then", esc(v.bad_outcome.text)]);
    }
    let html = facts(items);
    if (s.differences.length) {
      html += `<details><summary>${s.differences_total} difference(s), ` +
        `${s.matched} calls matched, noise set aside: ${s.noise.good} in ` +
        `GOOD, ${s.noise.bad} in BAD</summary><ul class="plain">` +
        s.differences.map((d) => `<li>${esc(d.kind)}: ${pairLink(d)}` +
          (d.on_failing_path ? " [failing path]" : "") + "</li>").join("") +
        (s.differences_total > s.differences.length ?
          "<li>\u2026 (all of them: <code>ftriage diff</code>)</li>" : "") +
        "</ul></details>";
    }
    return html;
  }

  function explanationsHtml() {
    if (!D.explanations.length) return "";
    return "<h2>Explanations</h2>" + D.explanations.map((e) => {
      const head = [`<span class="badge kind">${esc(e.kind)}</span>`];
      if (e.function) head.push(`<code>${esc(e.function)}</code>`);
      if (e.option) head.push(`<code>${esc(e.option)}</code>`);
      if (e.kernel) head.push(`<span class="why">${esc(e.kernel)} kernel</span>`);
      head.push(`<span class="why">certainty ${esc(e.certainty)}</span>`);
      const ev = e.evidence.map((v) => `<li>${esc(v.input)} ` +
        `<code>${esc(v.path)}</code>` + (v.line ? ` line ${v.line}: ` +
          `<code>${esc(v.text)}</code>` : `: no <code>${esc(v.text)}</code>`) +
        "</li>").join("");
      return `<div class="explanation">${head.join(" ")}<div>` +
        `${esc(e.sentence)}</div>` +
        (ev ? `<ul class="plain evidence">${ev}</ul>` : "") + "</div>";
    }).join("");
  }

  function diagnosticsHtml() {
    if (!D.diagnostics.length) return "every input line was read";
    return D.diagnostics.map((d) => `${esc(d.run)}: ${esc(d.code)} ` +
      `(${esc(d.severity)}) \u00d7${d.count}`).join(", ");
  }

  function renderSummary() {
    document.title = D.title;
    let html = `<h1>${esc(D.title)}</h1><div class="panels"><div>` +
      "<h2>Failure</h2>" + failureHtml() + "</div>";
    if (two) html += "<div><h2>Where BAD leaves GOOD</h2>" +
      divergenceHtml() + "</div>";
    html += "</div>";
    $("summary").innerHTML = html;
    $("explanations").innerHTML = explanationsHtml();
    const head = (side) => `<div><b>${side.role.toUpperCase()}</b> ` +
      side.files.map((f) => `<code>${esc(f)}</code>`).join(", ") +
      ` &middot; line ${side.call.line} <code>${esc(side.call.function)}` +
      "</code></div>";
    $("heads").innerHTML = (two ? head(good) : "") + head(bad);
    const swatch = (cls, text, css) => `<span class="${cls}" ` +
      `style="${css}">${text}</span>`;
    $("legend").innerHTML = (two ?
      swatch("", "only GOOD", "background:var(--good-only)") +
      swatch("", "only BAD", "background:var(--bad-only)") +
      swatch("", "collapsed", "background:var(--collapsed)") : "") +
      swatch("", "noise", "color:var(--noise);font-style:italic") +
      swatch("badge err", "errno", "");
    $("footer").innerHTML = `Parse warnings: ${diagnosticsHtml()}.<br>` +
      `Made by ${esc(D.meta.version)}: <code>${esc(D.meta.command_line)}` +
      "</code>";
    if (!two) document.body.classList.add("solo");
  }

  // ---- Navigation: fragments, clicks, keys ----

  function rowOfLine(role, line) {
    const side = role === "good" ? good : bad;
    if (!side) return -1;
    const col = role === "good" ? R.g : R.b;
    for (let r = 0; r < n; r++) {
      if (col[r] >= 0 && side.calls.line[col[r]] === line) return r;
    }
    return -1;
  }

  function follow(hash) {
    const h = decodeURIComponent(hash.replace(/^#/, ""));
    let m = /^search=(.*)$/.exec(h);
    if (m) {
      searchEl.value = m[1];
      search(m[1]);
      return true;
    }
    m = /^(good|bad):(\d+)$/.exec(h);
    if (m) {
      const r = rowOfLine(m[1], Number(m[2]));
      if (r >= 0) {
        goTo(r);
        treeEl.focus({ preventScroll: true });
        return true;
      }
    }
    return false;
  }

  document.addEventListener("click", (ev) => {
    const a = ev.target.closest("a[href^='#']");
    if (a) {
      ev.preventDefault();
      history.replaceState(null, "", a.getAttribute("href"));
      follow(a.getAttribute("href"));
      return;
    }
    const row = ev.target.closest(".row");
    if (!row) return;
    const r = Number(row.dataset.r);
    cursor = r;
    if (ev.target.closest(".tw") || ev.detail === 2) {
      toggle(r);
    } else {
      render();
    }
  });

  window.addEventListener("hashchange", () => follow(location.hash));
  treeEl.addEventListener("scroll", schedule);
  window.addEventListener("resize", schedule);

  let searchTimer = 0;
  searchEl.addEventListener("input", () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => search(searchEl.value), 150);
  });
  $("next").addEventListener("click", () => step(1));
  $("prev").addEventListener("click", () => step(-1));
  $("expand-all").addEventListener("click", () => {
    open.fill(1);
    computeVisible();
    scrollTo(cursor);
    render();
  });
  $("collapse-all").addEventListener("click", () => {
    open.fill(0);
    cursor = 0;
    computeVisible();
    treeEl.scrollTop = 0;
    render();
  });
  $("to-focus").addEventListener("click", () => {
    resetOpen();
    computeVisible();
    goTo(R.focus);
  });

  document.addEventListener("keydown", (ev) => {
    if (ev.target === searchEl) {
      if (ev.key === "Enter") {
        ev.preventDefault();
        clearTimeout(searchTimer);
        if (searchEl.value.trim().toLowerCase() !== query) {
          search(searchEl.value);
        } else {
          step(ev.shiftKey ? -1 : 1);
        }
      } else if (ev.key === "Escape") {
        treeEl.focus({ preventScroll: true });
      }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    const page = Math.max(1, Math.floor(treeEl.clientHeight / ROW_H) - 1);
    switch (ev.key) {
      case "j": case "ArrowDown": move(1); break;
      case "k": case "ArrowUp": move(-1); break;
      case "PageDown": move(page); break;
      case "PageUp": move(-page); break;
      case "Home": move(-visible.length); break;
      case "End": move(visible.length); break;
      case "Enter": case " ": toggle(cursor); break;
      case "ArrowRight": case "l":
        if (hasKids(cursor) && !open[cursor]) toggle(cursor, 1);
        else if (hasKids(cursor)) move(1);
        break;
      case "ArrowLeft": case "h":
        if (hasKids(cursor) && open[cursor]) toggle(cursor, 0);
        else if (parent[cursor] >= 0) goTo(parent[cursor]);
        break;
      case "/": searchEl.focus(); searchEl.select(); break;
      case "n": step(1); break;
      case "N": step(-1); break;
      default: return;
    }
    ev.preventDefault();
  });

  renderSummary();
  resetOpen();
  computeVisible();
  if (!follow(location.hash)) goTo(R.focus);
  document.body.dataset.ready = "1";
})();
