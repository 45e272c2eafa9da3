// The one chart module of the app: small functions that make a percentile-band chart, a line chart,
// a histogram and a heatmap. Every page calls these; none of them knows about sockets or controls.
// The two networks are told apart by colour AND line style or pattern AND label (never colour alone).
/* global Chart */
import { t, lang } from './i18n.js';
import { num, sig, digitsFor } from './format.js';

/** Okabe-Ito colours (safe for colour-blind eyes); without BN also dashed and hatched. */
export const NETS = {
  plain: { color: '#d55e00', dash: [7, 4], hatch: true, point: 'triangle' },
  bn: { color: '#0072b2', dash: [], hatch: false, point: 'circle' },
};
export const NET_KEYS = ['plain', 'bn'];
export function netLabel(key) { return t(key === 'bn' ? 'net.bn' : 'net.plain'); }

/** TensorBoard's nested bands: [lower, upper] percentile indices, outermost first. */
/** The percentiles a frame carries (LiveRun.PERCENTILES): TensorBoard's nine plus the paper's 15th and 85th. */
const PERCENTILES = [0, 6.68, 15, 15.87, 30.85, 50, 69.15, 84.13, 85, 93.32, 100];
/** TensorBoard's nested bands (outer first) and the paper's Figure 1 lines, as percentile values. */
const BANDS = [[0, 100], [6.68, 93.32], [15.87, 84.13], [30.85, 69.15]];
const LINES = [{ p: 15, width: 1.5 }, { p: 50, width: 2.5 }, { p: 85, width: 1.5 }];

function rgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A fill: plain translucent colour, or diagonal hatching of it. */
export function fill(key, alpha) {
  const net = NETS[key];
  if (!net.hatch) return rgba(net.color, alpha);
  const c = document.createElement('canvas');
  c.width = 8; c.height = 8;
  const g = c.getContext('2d');
  g.fillStyle = rgba(net.color, alpha * 0.5);
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = rgba(net.color, Math.min(1, alpha * 2.5));
  g.lineWidth = 1.5;
  g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6); g.stroke();
  return g.createPattern(c, 'repeat');
}

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

/** The options every chart starts from (for the chart module's own files, heatmap.js and rate-chart.js). */
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

/**
 * The x-axis from 0 to `max` iterations (a preset's length, so that its effect fills the chart), or
 * automatic when max is null.
 */
function setRange(chart, max) {
  chart.options.scales.x.min = max ? 0 : undefined;
  chart.options.scales.x.max = max || undefined;
}

function rangeTitle(raw) {
  return raw.first === raw.last ? t('chart.iteration', steps(raw.first)) : t('chart.iterations', steps(raw.first), steps(raw.last));
}

/**
 * The distribution of a neuron's input over iterations, both networks on the same axes: TensorBoard's nine
 * percentiles as nested bands (inner darker), the paper's 15th/50th/85th as lines.
 * set(key, buckets) takes { first, last, p[] } items (p in the order of PERCENTILES); hovering shows every exact value.
 */
export function bandChart(canvas, { percentiles, xTitle = t('chart.x'), yTitle = t('chart.input'), legend = true } = {}) {
  const ps = percentiles || PERCENTILES;
  const at = (value) => ps.indexOf(value);
  const datasets = [];
  for (const key of NET_KEYS) {
    const net = NETS[key];
    for (const [lo, hi] of BANDS) {
      datasets.push({ net: key, role: 'edge', p: at(lo), data: [], borderWidth: 0, pointRadius: 0, fill: false });
      datasets.push({ net: key, role: 'edge', p: at(hi), data: [], borderWidth: 0, pointRadius: 0,
        fill: { target: datasets.length - 1 }, backgroundColor: fill(key, 0.13) });
    }
    for (const line of LINES) {
      datasets.push({ net: key, role: line.p === 50 ? 'median' : 'line', p: at(line.p), data: [],
        borderColor: net.color, borderDash: net.dash, borderWidth: line.width, pointRadius: 0, fill: false,
        label: line.p === 50 ? t('chart.median', netLabel(key)) : t('chart.p1585', netLabel(key)) });
    }
  }
  const options = base(xTitle, yTitle);
  options.plugins.legend.labels.filter = (item, data) => data.datasets[item.datasetIndex].role !== 'edge'
      && (data.datasets[item.datasetIndex].role === 'median' || data.datasets[item.datasetIndex].p === at(15));
  options.plugins.legend.onClick = (e, item, legend) => {
    const chart = legend.chart, key = chart.data.datasets[item.datasetIndex].net;
    const visible = chart.isDatasetVisible(item.datasetIndex);
    chart.data.datasets.forEach((d, i) => { if (d.net === key) chart.setDatasetVisibility(i, !visible); });
    chart.update('none');
  };
  options.plugins.legend.display = legend;
  options.plugins.tooltip = {
    filter: (item) => item.dataset.role === 'median',
    callbacks: {
      title: (items) => (items.length ? rangeTitle(items[0].raw) : ''),
      label: (item) => `${netLabel(item.dataset.net)}: ${t('chart.median.value', num(item.raw.y, 3))}`,
      afterLabel: (item) => item.raw.p.map((v, j) => `  ${t('chart.percentile', num(ps[j], ps[j] % 1 ? 2 : 0))}: ${num(v, 3)}`),
    },
  };
  const chart = new Chart(canvas, { type: 'line', data: { datasets }, options, plugins: [paper] });
  return {
    chart,
    set(key, buckets) {
      const withP = buckets.filter((b) => b.p);
      for (const d of chart.data.datasets) {
        if (d.net !== key) continue;
        d.data = withP.map((b) => ({ x: (b.first + b.last) / 2, y: b.p[d.p], p: b.p, first: b.first, last: b.last }));
      }
    },
    /** Hides or shows one network's bands and lines (as its legend entry does). */
    show(key, visible) {
      chart.data.datasets.forEach((d, i) => { if (d.net === key) chart.setDatasetVisibility(i, visible); });
    },
    range(max) { setRange(chart, max); },
    update() { chart.update('none'); },
  };
}

/**
 * Lines over iterations, e.g. loss or accuracy: lines = [{ key, net, label, points }]; with points: true
 * the values are marked (validation), else drawn as a plain line (training). With clip: true the y-axis
 * ends a little above what most of the values reach (a diverging network's loss would stretch it to 10³⁷
 * and flatten everything else); values above are drawn at the top edge and the axis title says so.
 */
export function lineChart(canvas, { lines, xTitle = t('chart.x'), yTitle, yMin, yMax, digits = 3, clip = false }) {
  const datasets = lines.map((l) => ({
    key: l.key, net: l.net, label: l.label, data: [], borderColor: NETS[l.net].color,
    backgroundColor: NETS[l.net].color, borderDash: NETS[l.net].dash, borderWidth: l.points ? 1.5 : 1.2,
    pointRadius: l.points ? 4 : 0, pointStyle: l.points ? NETS[l.net].point : 'line', fill: false,
  }));
  const options = base(xTitle, yTitle);
  if (yMin !== undefined) options.scales.y.min = yMin;
  if (yMax !== undefined) options.scales.y.max = yMax;
  Object.assign(options.plugins.legend.labels, { usePointStyle: true, boxWidth: 18, padding: 6 });
  options.plugins.tooltip = {
    callbacks: {
      title: (items) => (items.length ? rangeTitle(items[0].raw) : ''),
      label: (item) => `${item.dataset.label}: ${num(item.raw.y, digits)}`,
    },
  };
  const chart = new Chart(canvas, { type: 'line', data: { datasets }, options, plugins: [paper] });
  const raw = new Map(); // key -> points as received, before clipping
  function clipToTypical() {
    const ys = [...raw.values()].flat().map((p) => p.y).filter(Number.isFinite).sort((a, b) => a - b);
    let top = null;
    if (ys.length > 4) {
      const typical = ys[Math.floor(0.9 * (ys.length - 1))];
      if (ys[ys.length - 1] > 3 * typical && typical > 0) top = 3 * typical;
    }
    options.scales.y.max = top === null ? yMax : top;
    options.scales.y.title.text = top === null ? yTitle : t('chart.clipped', yTitle, sig(top, 2));
    for (const d of datasets) {
      const points = raw.get(d.key) || [];
      d.data = top === null ? points : points.map((p) => (p.y > top ? { ...p, y: top, clippedFrom: p.y } : p));
    }
  }
  options.plugins.tooltip.callbacks.label = (item) => `${item.dataset.label}: ${sig(item.raw.clippedFrom ?? item.raw.y, digits)}`;
  return {
    chart,
    /** points: [{ x, y, first, last }] */
    set(key, points) {
      if (clip) raw.set(key, points);
      else { const d = datasets.find((s) => s.key === key); if (d) d.data = points; }
    },
    range(max) { setRange(chart, max); },
    update() { if (clip) clipToTypical(); chart.update('none'); },
  };
}

/** Counts in equal bins on [lo, hi], both networks side by side (the one without BN hatched). */
export function histogram(canvas, { xTitle = t('chart.input'), yTitle = t('chart.count') } = {}) {
  const datasets = NET_KEYS.map((key) => ({
    net: key, label: netLabel(key), data: [], backgroundColor: fill(key, 0.55),
    borderColor: NETS[key].color, borderWidth: 1.5, categoryPercentage: 0.9, barPercentage: 1,
  }));
  const options = base(xTitle, yTitle);
  options.parsing = true;
  options.interaction = { mode: 'index', intersect: false };
  options.scales.x = { type: 'category', title: { display: true, text: xTitle }, ticks: { maxRotation: 0, autoSkipPadding: 12 } };
  options.scales.y.ticks = { precision: 0 };
  options.scales.y.beginAtZero = true;
  let bins = [];
  options.plugins.tooltip = {
    callbacks: {
      title: (items) => (items.length ? t('chart.bin', num(bins[items[0].dataIndex][0], 3), num(bins[items[0].dataIndex][1], 3)) : ''),
      label: (item) => `${item.dataset.label}: ${item.raw}`,
    },
  };
  const chart = new Chart(canvas, { type: 'bar', data: { labels: [], datasets }, options, plugins: [paper] });
  return {
    chart,
    set(h) {
      if (!h) { chart.data.labels = []; datasets.forEach((d) => { d.data = []; }); return; }
      const n = (h.plain || h.bn).length, w = (h.hi - h.lo) / n;
      bins = Array.from({ length: n }, (_, i) => [h.lo + i * w, h.lo + (i + 1) * w]);
      // Enough decimals that neighbouring bins never share a label.
      chart.data.labels = bins.map(([a, b]) => num((a + b) / 2, digitsFor(w)));
      for (const d of datasets) d.data = h[d.net] || [];
    },
    update() { chart.update('none'); },
  };
}

export { heatmap } from './heatmap.js';
export { rateChart } from './rate-chart.js';

/** A chart (or a plain canvas, e.g. a heatmap) as a PNG data URL. */
export function png(chartOrCanvas) {
  return chartOrCanvas.toBase64Image ? chartOrCanvas.toBase64Image('image/png', 1) : chartOrCanvas.toDataURL('image/png');
}
