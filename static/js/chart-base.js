// What the chart modules share (charts.js, histogram.js, rate-chart.js): the text size, the iteration
// format, the white paper, the list of networks drawn and the options every chart starts from. Imports no
// chart module, so none of them imports another through it.
/* global Chart */
import { lang } from './i18n.js';
import { num, sig, digitsFor } from './format.js';

/**
 * The charts' text size: readable from the back of a lecture hall on a projector (at least 18 px at 1920
 * wide, 22 px in projector mode), smaller on a laptop or tablet.
 */
export function chartFontSize() {
  if (document.documentElement.dataset.projector === 'true') return 22;
  const w = window.innerWidth;
  return w >= 1600 ? 18 : w >= 1200 ? 14 : 13;
}

/** Applies chartFontSize() to every chart (after a resize or the projector toggle). */
export function refreshFonts() {
  const size = chartFontSize();
  if (Chart.defaults.font.size === size) return;
  Chart.defaults.font.size = size;
  for (const c of Object.values(Chart.instances)) c.update('none');
}
if (typeof Chart !== 'undefined') {
  Chart.defaults.font.size = chartFontSize();
  window.addEventListener('resize', refreshFonts);
}

const stepFormat = new Intl.NumberFormat(lang);
/** An iteration count in the page's language (12,345 or 12.345). */
export function steps(v) { return stepFormat.format(v); }

/** Paints the chart's paper white, so toBase64Image() gives a PNG readable on any background. */
export const paper = {
  id: 'paper',
  beforeDraw(chart) {
    const g = chart.ctx;
    g.save(); g.globalCompositeOperation = 'destination-over'; g.fillStyle = '#fff';
    g.fillRect(0, 0, chart.width, chart.height); g.restore();
  },
};

/**
 * The networks a chart draws, and the one way to change them: change(keys) calls onChange(keys) only when the
 * list differs from the one shown (every frame names its networks).
 */
export function netList(initial, onChange) {
  let shown = initial;
  return {
    get shown() { return shown; },
    change(keys) {
      if (keys.join() === shown.join()) return;
      shown = keys;
      onChange(keys);
    },
  };
}

/** The options every chart starts from. */
export function base(xTitle, yTitle) {
  return {
    animation: false, responsive: true, maintainAspectRatio: false, normalized: true, parsing: false,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    scales: {
      x: { type: 'linear', title: { display: true, text: xTitle }, ticks: { callback: (v) => steps(v) } },
      // As many decimals as the tick spacing needs, so no two ticks read the same ("0,0" six times).
      y: { title: { display: true, text: yTitle }, ticks: { callback: (v, i, ticks) => tick(v, ticks) } },
    },
    plugins: { legend: { labels: { boxWidth: 28 } } },
  };
}

function tick(v, ticks) {
  const step = ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : Math.abs(v);
  return Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4) ? sig(v, 2) : num(v, digitsFor(step));
}
