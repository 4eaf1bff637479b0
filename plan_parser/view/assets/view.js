// plan-parser review page: selection panel, filters by kind, outline navigation, search.
// No network, no libraries: everything the page needs is in this file and #plan-data.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("plan-data").textContent);
  var text = document.getElementById("text");
  var panel = document.getElementById("panel-body");
  var selected = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) Object.keys(attrs).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { node.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return node;
  }

  function show(value) {
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) return value.every(function (v) { return typeof v !== "object"; })
      ? "[" + value.join(", ") + "]" : JSON.stringify(value);
    if (typeof value === "object") return JSON.stringify(value);
    return String(value);
  }

  function pieces(id) {
    return text.querySelectorAll('mark.f[data-id="' + CSS.escape(id) + '"]');
  }

  function nodePath(id) {
    var path = [];
    var seen = {};
    while (id && data.nodes[id] && !seen[id]) {
      seen[id] = true;
      path.unshift(id);
      id = data.nodes[id].parent;
    }
    return path;
  }

  function lineLink(n) {
    return el("a", { href: "#L" + n, text: "L" + n });
  }

  function render(id) {
    var fact = data.facts[id];
    panel.textContent = "";
    if (!fact) { panel.appendChild(el("p", { class: "hint", text: "No fact " + id })); return; }
    var f = fact.fields;
    var kindLabel = (data.kinds[fact.kind] || {}).label || fact.kind;
    var head = el("p", null, [el("span", { class: "kind lg k-" + fact.kind }, [el("span", { class: "sw" }), kindLabel]),
      el("code", { text: f.id })]);
    panel.appendChild(head);
    var table = el("table", { class: "fields" });
    Object.keys(f).forEach(function (k) {
      if (k === "span_ok") return;
      var v = f[k];
      var td = el("td", { class: v === null ? "null" : "" });
      if ((k === "line" || k === "end_line") && typeof v === "number") td.appendChild(lineLink(v));
      else td.textContent = show(v);
      table.appendChild(el("tr", { "data-field": k }, [el("th", { text: k }), td]));
    });
    panel.appendChild(table);
    if (f.span_ok !== undefined) {
      panel.appendChild(el("p", { class: f.span_ok ? "ok" : "bad",
        text: f.span_ok ? "✓ text[span] is the quote" : "✗ text[span] differs from the quote" }));
    }
    var where = f.node_id || f.parent_id || (data.nodes[f.id] && data.nodes[f.id].parent);
    var path = nodePath(where);
    if (path.length) {
      var p = el("p", { class: "path" }, ["in: "]);
      path.forEach(function (nid, i) {
        if (i) p.appendChild(document.createTextNode(" › "));
        p.appendChild(el("a", { href: "#L" + data.nodes[nid].line, text: data.nodes[nid].title }));
      });
      panel.appendChild(p);
    }
    var first = f.line, last = f.end_line || f.line;
    var diags = data.diagnostics.filter(function (d) { return d.line !== null && d.line >= first && d.line <= last; });
    panel.appendChild(el("h2", { text: "Diagnostics on " + (first === last ? "L" + first : "L" + first + "–" + last) }));
    if (!diags.length) panel.appendChild(el("p", { class: "hint", text: "none" }));
    else panel.appendChild(el("ul", { class: "diags" }, diags.map(function (d) {
      return el("li", { class: "d-" + d.level }, [lineLink(d.line), " ", el("b", { text: d.code }), " " + d.message]);
    })));
    var line = document.getElementById("L" + first);
    if (line) {
      var others = [];
      line.querySelectorAll("mark.f").forEach(function (m) {
        var oid = m.getAttribute("data-id");
        if (oid !== id && others.indexOf(oid) < 0) others.push(oid);
      });
      if (others.length) {
        panel.appendChild(el("h2", { text: "Also on L" + first }));
        panel.appendChild(el("ul", { class: "others" }, others.map(function (oid) {
          var o = data.facts[oid];
          var label = o ? (o.fields.indicator || o.fields.name || o.fields.title || o.fields.message || oid) : oid;
          return el("li", null, [el("button", { "data-select": oid, text: (o ? o.kind + ": " : "") + label })]);
        })));
      }
    }
  }

  // scroll the text pane only (scrollIntoView would scroll the page around it too)
  function reveal(node) {
    var box = text.getBoundingClientRect();
    if (text.scrollHeight > text.clientHeight) {
      text.scrollTop += node.getBoundingClientRect().top - box.top - text.clientHeight / 3;
    } else {
      node.scrollIntoView({ block: "center" });
    }
  }

  function select(id, scroll) {
    if (selected) pieces(selected).forEach(function (m) { m.classList.remove("sel"); });
    selected = id;
    var ps = pieces(id);
    ps.forEach(function (m) { m.classList.add("sel"); });
    render(id);
    if (scroll && ps.length) reveal(ps[0]);
    if (history.replaceState) history.replaceState(null, "", "#f=" + encodeURIComponent(id));
  }

  text.addEventListener("click", function (e) {
    var mark = e.target.closest("mark.f");
    if (mark) select(mark.getAttribute("data-id"), false);
  });
  panel.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-select]");
    if (b) select(b.getAttribute("data-select"), true);
  });

  // filters: the legend's boxes hide a kind's highlights (the text stays)
  document.getElementById("legend").addEventListener("change", function (e) {
    var box = e.target;
    if (box && box.dataset && box.dataset.kind) document.body.classList.toggle("hide-" + box.dataset.kind, !box.checked);
  });

  // outline: mark the current entry
  var nav = document.getElementById("nav");
  nav.addEventListener("click", function (e) {
    var a = e.target.closest("a");
    if (!a) return;
    nav.querySelectorAll("a.cur").forEach(function (x) { x.classList.remove("cur"); });
    a.classList.add("cur");
  });

  // search: every occurrence highlighted (CSS Custom Highlight API), lines marked, Enter: next
  var search = document.getElementById("search");
  var count = document.getElementById("search-count");
  var lines = null, hits = [], at = -1, timer = 0;
  function lineTexts() {
    if (!lines) lines = Array.prototype.map.call(text.querySelectorAll(".l"), function (l) {
      var t = l.querySelector(".t");
      return { line: l, t: t, s: t.textContent };
    });
    return lines;
  }
  function rangeIn(t, start, end) {
    var walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
    var pos = 0, range = document.createRange(), node, began = false;
    while ((node = walker.nextNode())) {
      var len = node.data.length;
      if (!began && start < pos + len) { range.setStart(node, start - pos); began = true; }
      if (began && end <= pos + len) { range.setEnd(node, end - pos); return range; }
      pos += len;
    }
    return null;
  }
  function runSearch() {
    var q = search.value.trim();
    hits.forEach(function (h) { h.line.classList.remove("hit"); });
    hits = []; at = -1;
    var ranges = [];
    if (q) lineTexts().forEach(function (l) {
      var i = l.s.indexOf(q);
      if (i < 0) return;
      hits.push(l);
      l.line.classList.add("hit");
      while (i >= 0 && ranges.length < 5000) {
        var r = rangeIn(l.t, i, i + q.length);
        if (r) ranges.push(r);
        i = l.s.indexOf(q, i + q.length);
      }
    });
    if (window.CSS && CSS.highlights && window.Highlight) {
      if (ranges.length) CSS.highlights.set("search", new Highlight(...ranges)); else CSS.highlights.delete("search");
    }
    count.textContent = q ? hits.length + " lines" : "";
  }
  search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
  search.addEventListener("keydown", function (e) {
    if (e.key !== "Enter") return;
    clearTimeout(timer); if (!hits.length) runSearch();
    if (!hits.length) return;
    at = (at + (e.shiftKey ? hits.length - 1 : 1)) % hits.length;
    var l = hits[at].line;
    text.querySelectorAll(".l.flash").forEach(function (x) { x.classList.remove("flash"); });
    l.classList.add("flash");
    reveal(l);
    count.textContent = (at + 1) + " / " + hits.length + " lines";
  });

  // deep links: #f=<fact id> selects a fact, #L<n> is a line
  var m = /^#f=(.+)$/.exec(location.hash);
  if (m) select(decodeURIComponent(m[1]), true);
})();
