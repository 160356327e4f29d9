// The page's own script (plain browser JavaScript, inlined by page.ts): the
// runtime focus (show one runtime's column, failures and findings only,
// remembered in the URL as #runtime=NAME), the findings' expand buttons and
// filters, and the performance charts (drawn with the inlined Chart.js from
// the section's JSON data block). It reads data only through textContent,
// dataset and JSON.parse, never as HTML.
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var $ = function (sel) { return document.querySelector(sel); };
  var $$ = function (sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); };
  var focus = '';

  function readData(id) {
    var el = document.getElementById('data-' + id);
    return el ? JSON.parse(el.textContent) : undefined;
  }

  function applyFilters() {
    document.body.classList.toggle('focused', focus !== '');
    $$('[data-runtime]').forEach(function (el) {
      el.classList.toggle('focus', focus !== '' && el.dataset.runtime === focus);
    });
    var onlyFailures = $('#matrix-failures-only');
    $$('#matrix-table tbody tr').forEach(function (tr) {
      var failing = JSON.parse(tr.dataset.failing || '[]');
      var bad = focus ? failing.indexOf(focus) >= 0 : failing.length > 0;
      tr.hidden = !!(onlyFailures && onlyFailures.checked) && !bad;
    });
    var status = $('#findings-status') ? $('#findings-status').value : '';
    var all = $$('#findings-table tbody.finding');
    var shown = 0;
    all.forEach(function (tb) {
      var runtimes = JSON.parse(tb.dataset.runtimes || '[]');
      var visible = (!status || tb.dataset.status === status) && (!focus || runtimes.indexOf(focus) >= 0);
      tb.hidden = !visible;
      if (visible) shown++;
    });
    if ($('#findings-shown')) $('#findings-shown').textContent = shown + ' of ' + all.length + ' shown';
    if ($('#runtime-filter')) $('#runtime-filter').value = focus;
  }

  function setFocus(name) {
    focus = name;
    try { history.replaceState(null, '', name ? '#runtime=' + encodeURIComponent(name) : location.pathname); } catch (e) { /* file: URLs may refuse */ }
    applyFilters();
  }

  // a failed matrix cell links to its causes: show the cause, opened, whatever the filters hid
  $$('a.cause-link').forEach(function (a) {
    a.addEventListener('click', function () {
      var tb = document.getElementById(a.getAttribute('href').slice(1));
      if (!tb) return;
      if ($('#findings-status')) $('#findings-status').value = '';
      applyFilters();
      var button = tb.querySelector('button.expand');
      if (button && button.getAttribute('aria-expanded') !== 'true') button.click();
    });
  });

  $$('button.expand').forEach(function (button) {
    button.addEventListener('click', function () {
      var open = button.getAttribute('aria-expanded') !== 'true';
      button.setAttribute('aria-expanded', String(open));
      document.getElementById(button.getAttribute('aria-controls')).hidden = !open;
    });
  });
  $$('button.focus-runtime').forEach(function (button) {
    button.addEventListener('click', function () { setFocus(focus === button.dataset.runtime ? '' : button.dataset.runtime); });
  });
  if ($('#runtime-filter')) $('#runtime-filter').addEventListener('change', function (e) { setFocus(e.target.value); });
  if ($('#matrix-failures-only')) $('#matrix-failures-only').addEventListener('change', applyFilters);
  if ($('#findings-status')) $('#findings-status').addEventListener('change', applyFilters);

  var hash = /^#runtime=(.*)$/.exec(location.hash);
  if (hash) focus = decodeURIComponent(hash[1]);
  applyFilters();

  var PALETTE = ['#2454c5', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#0b7285', '#e67700', '#5c940d', '#a61e4d', '#364fc7'];
  var PHASE_COLOURS = { compile: '#74c0fc', instantiate: '#ffc078', execute: '#8ce99a' };

  // Chart.js has no error bars: draw each bar's interval as a whisker.
  var whiskers = {
    id: 'whiskers',
    afterDatasetsDraw: function (chart) {
      var ctx = chart.ctx, y = chart.scales.y;
      chart.data.datasets.forEach(function (ds, i) {
        var meta = chart.getDatasetMeta(i);
        if (meta.hidden) return;
        meta.data.forEach(function (bar, j) {
          var ci = ds.intervals[j];
          if (!ci || !isFinite(ci.low) || !isFinite(ci.high)) return;
          var top = y.getPixelForValue(ci.high), bottom = y.getPixelForValue(ci.low);
          var w = Math.max(2, Math.min(6, bar.width / 3));
          ctx.save();
          ctx.strokeStyle = '#1d2330';
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.moveTo(bar.x, top); ctx.lineTo(bar.x, bottom);
          ctx.moveTo(bar.x - w, top); ctx.lineTo(bar.x + w, top);
          ctx.moveTo(bar.x - w, bottom); ctx.lineTo(bar.x + w, bottom);
          ctx.stroke();
          ctx.restore();
        });
      });
    }
  };

  // long program or runtime names would squeeze the plot; the tables have them in full
  function shorten(label) { return label.length > 32 ? label.slice(0, 31) + '…' : label; }

  function drawCharts(perf) {
    var highest = 1;
    perf.runtimes.forEach(function (r) {
      perf.ratio[r].forEach(function (x) { if (x && isFinite(x.high)) highest = Math.max(highest, x.high); });
    });
    new Chart(document.getElementById('chart-ratio'), {
      type: 'bar',
      data: {
        labels: perf.programs.map(shorten),
        datasets: perf.runtimes.map(function (r, i) {
          return {
            label: shorten(r),
            data: perf.ratio[r].map(function (x) { return x ? x.value : null; }),
            intervals: perf.ratio[r],
            backgroundColor: PALETTE[i % PALETTE.length]
          };
        })
      },
      options: {
        animation: false, maintainAspectRatio: false,
        plugins: { title: { display: true, text: 'Time relative to the fastest runtime (lower is better)' } },
        scales: { y: highest > 20
          ? { type: 'logarithmic', min: 1, title: { display: true, text: 'ratio (log scale)' } }
          : { beginAtZero: true, title: { display: true, text: 'ratio' } } }
      },
      plugins: [whiskers]
    });
    var phaseCanvas = document.getElementById('chart-phases');
    phaseCanvas.parentElement.style.height = (80 + 26 * perf.phases.length) + 'px';
    new Chart(phaseCanvas, {
      type: 'bar',
      data: {
        labels: perf.phases.map(function (p) { return shorten(p.program) + ' · ' + shorten(p.runtime); }),
        datasets: perf.phaseNames.map(function (name) {
          return {
            label: name,
            data: perf.phases.map(function (p) { return p.ms[name] === undefined ? null : p.ms[name]; }),
            backgroundColor: PHASE_COLOURS[name] || '#adb5bd'
          };
        })
      },
      options: {
        indexAxis: 'y', animation: false, maintainAspectRatio: false,
        scales: { x: { stacked: true, title: { display: true, text: 'median ms' } }, y: { stacked: true } }
      }
    });
  }

  var perf = readData('performance');
  if (perf && window.Chart) drawCharts(perf);
})();
`;
