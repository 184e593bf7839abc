// Draws every chart of a page from its data, for the screen and for print. A chart is a
// <canvas data-chart="ID"> inside a box of fixed size, with its data in
// <script type="application/json" id="ID">{ "type": ..., "data": ..., "options": ... }</script>
// (data, not code: the Content-Security-Policy runs no inline script). Each canvas holds a text
// fallback (a table or a sentence) for readers who cannot see it.
// When every chart has drawn once, window.__reportReady becomes true: the PDF printer waits for it
// (reports/CONTEXT.md). If a chart cannot be drawn, window.__reportError says why.

/* global Chart */
window.__reportReady = false;

const canvases = [...document.querySelectorAll('canvas[data-chart]')];
const drawn = new Set();

const signalReady = {
  id: 'report-ready',
  afterRender(chart) {
    drawn.add(chart.id);
    if (drawn.size === canvases.length) window.__reportReady = true;
  },
};

function draw() {
  if (canvases.length === 0) {
    window.__reportReady = true;
    return;
  }
  if (typeof Chart === 'undefined') {
    window.__reportError = 'The chart library did not load (/vendor/chart.umd.min.js).';
    return;
  }
  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1f2933';
  for (const canvas of canvases) {
    const source = document.getElementById(canvas.dataset.chart);
    if (!source) {
      window.__reportError = `The data of chart ${canvas.dataset.chart} is missing.`;
      return;
    }
    const config = JSON.parse(source.textContent);
    config.options = {
      ...config.options,
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      devicePixelRatio: 2,
    };
    config.plugins = [signalReady];
    new Chart(canvas, config);
  }
}

draw();
