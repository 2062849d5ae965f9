// The report's interactions; the page reads the same without them (every metric's view is then shown in turn).
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  // Switch the metric of every chart and table marked data-metric.
  var buttons = document.querySelectorAll('.metric-switch button');
  function showMetric(key) {
    document.querySelectorAll('[data-metric]').forEach(function (el) {
      el.classList.toggle('active', el.getAttribute('data-metric') === key);
    });
    buttons.forEach(function (b) { b.setAttribute('aria-pressed', String(b.value === key)); });
  }
  buttons.forEach(function (b) { b.addEventListener('click', function () { showMetric(b.value); }); });
  var pressed = document.querySelector('.metric-switch button[aria-pressed="true"]') || buttons[0];
  if (pressed) showMetric(pressed.value);

  // Sort a table by a column: numbers (data-v) high to low first, text A to Z; empty values (failures) always last.
  function sortKey(cell) {
    var v = cell.getAttribute('data-v');
    if (v === null) return { text: cell.textContent.trim() };
    return v === '' ? { missing: true } : { num: Number(v) };
  }
  document.querySelectorAll('table.sortable').forEach(function (table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, col) {
      th.addEventListener('click', function () {
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var numeric = rows.some(function (r) { return r.cells[col] && r.cells[col].getAttribute('data-v') !== null; });
        var dir = th.getAttribute('aria-sort') === (numeric ? 'descending' : 'ascending') ? -1 : 1;
        var desc = numeric ? dir === 1 : dir === -1;
        rows.sort(function (a, b) {
          var x = sortKey(a.cells[col]);
          var y = sortKey(b.cells[col]);
          if (x.missing || y.missing) return (x.missing ? 1 : 0) - (y.missing ? 1 : 0);
          var c = x.num !== undefined && y.num !== undefined ? x.num - y.num : String(x.text || x.num).localeCompare(String(y.text || y.num));
          return desc ? -c : c;
        });
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', desc ? 'descending' : 'ascending');
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  // Hover: the data-tip of a point or curve in a box beside the pointer.
  var tip = document.getElementById('tip');
  document.addEventListener('mouseover', function (e) {
    var el = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!el) { tip.style.display = 'none'; return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.style.display = 'block';
  });
  document.addEventListener('mousemove', function (e) {
    if (tip.style.display !== 'block') return;
    tip.style.left = Math.min(e.clientX + 12, window.innerWidth - tip.offsetWidth - 4) + 'px';
    tip.style.top = (e.clientY + 14) + 'px';
  });
})();
