// plan-parser diff page: links to each side's line, filters by relation. No network.
(function () {
  "use strict";
  function goTo(side, line, id) {
    var pane = document.getElementById("pane-" + side);
    if (!pane) return;
    pane.querySelectorAll(".flash, mark.sel").forEach(function (x) { x.classList.remove("flash", "sel"); });
    var l = document.getElementById(side + "-L" + line);
    if (!l) return;
    l.classList.add("flash");
    pane.querySelectorAll('mark.f[data-id="' + CSS.escape(id) + '"]').forEach(function (m) { m.classList.add("sel"); });
    var box = pane.querySelector(".scroll");
    box.scrollTop += l.getBoundingClientRect().top - box.getBoundingClientRect().top - box.clientHeight / 3;
  }
  document.addEventListener("click", function (e) {
    var a = e.target.closest("a.go");
    if (!a) return;
    e.preventDefault();
    goTo(a.dataset.side, a.dataset.line, a.dataset.id);
    var row = a.closest("tr");
    if (row) {
      // a pair: show both sides at once
      row.querySelectorAll("a.go").forEach(function (o) { if (o !== a) goTo(o.dataset.side, o.dataset.line, o.dataset.id); });
    }
  });
  var filters = document.getElementById("filters");
  filters.addEventListener("change", function (e) {
    var r = e.target.dataset.relation;
    document.querySelectorAll('tr[data-relation="' + r + '"]').forEach(function (tr) { tr.classList.toggle("hidden", !e.target.checked); });
  });
})();
