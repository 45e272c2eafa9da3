// The percentile-band chart and the line chart over iterations, and a chart as a PNG. The other charts have a
// file each (histogram.js, rate-chart.js, heatmap.js), what they share is in chart-base.js; pages import each
// from its own file. None of them knows about sockets or controls.
// The networks are told apart by colour AND line style or pattern AND label (never colour alone).
/* global Chart */
import { t } from './i18n.js';
import { netLabel, netStyle, fill, TWIN } from './nets.js';
import { num, sig } from './format.js';
import { steps, paper, netList, base } from './chart-base.js';


/** TensorBoard's nested bands: [lower, upper] percentile indices, outermost first. */
/** The percentiles a frame carries (LiveRun.PERCENTILES): TensorBoard's nine plus the paper's 15th and 85th. */
const PERCENTILES = [0, 6.68, 15, 15.87, 30.85, 50, 69.15, 84.13, 85, 93.32, 100];
/** TensorBoard's nested bands (outer first) and the paper's Figure 1 lines, as percentile values. */
const BANDS = [[0, 100], [6.68, 93.32], [15.87, 84.13], [30.85, 69.15]];
const LINES = [{ p: 15, width: 1.5 }, { p: 50, width: 2.5 }, { p: 85, width: 1.5 }];

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
 * The distribution of a neuron's input over iterations, every network on the same axes: TensorBoard's nine
 * percentiles as nested bands (inner darker), the paper's 15th/50th/85th as lines.
 * set(key, buckets) takes { first, last, p[] } items (p in the order of PERCENTILES); hovering shows every exact
 * value; nets(keys) draws those networks (in that order) from then on.
 */
export function bandChart(canvas, { percentiles, xTitle = t('chart.x'), yTitle = t('chart.input'), legend = true, nets = TWIN } = {}) {
  const ps = percentiles || PERCENTILES;
  const at = (value) => ps.indexOf(value);
  const list = netList(nets, (keys) => { chart.data.datasets = build(keys); });
  function build(keys) {
    const datasets = [];
    for (const key of keys) {
      const net = netStyle(key);
      for (const [lo, hi] of BANDS) {
        datasets.push({ net: key, role: 'edge', p: at(lo), data: [], borderWidth: 0, pointRadius: 0, fill: false });
        datasets.push({ net: key, role: 'edge', p: at(hi), data: [], borderWidth: 0, pointRadius: 0,
          fill: { target: datasets.length - 1 }, backgroundColor: fill(key, keys.length > 2 ? 0.09 : 0.13) });
      }
      for (const line of LINES) {
        datasets.push({ net: key, role: line.p === 50 ? 'median' : 'line', p: at(line.p), data: [],
          borderColor: net.color, borderDash: net.dash, borderWidth: line.width, pointRadius: 0, fill: false,
          label: line.p === 50 ? t('chart.median', netLabel(key)) : t('chart.p1585', netLabel(key)) });
      }
    }
    return datasets;
  }
  const options = base(xTitle, yTitle);
  // The twin's legend names the median and the 15th/85th lines of both; more networks, only their medians.
  options.plugins.legend.labels.filter = (item, data) => {
    const d = data.datasets[item.datasetIndex];
    return d.role === 'median' || (d.p === at(15) && d.role === 'line' && list.shown.length <= 2);
  };
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
  const chart = new Chart(canvas, { type: 'line', data: { datasets: build(nets) }, options, plugins: [paper] });
  return {
    chart,
    nets: list.change,
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
 * Lines over iterations, e.g. loss or accuracy: lines = [{ key, net, label, points }] (or a function of the
 * networks' keys giving them, for nets(keys)); with points: true the values are marked (validation), else
 * drawn as a plain line (training). With clip: true the y-axis ends a little above what most of the values
 * reach (a diverging network's loss would stretch it to 10³⁷ and flatten everything else); values above are
 * drawn at the top edge and the axis title says so. With log: true the y-axis turns logarithmic when the
 * (positive) values span more than two decades. With legendByNet: true, more than two networks get one legend
 * entry each (its pattern and colour; a click hides all its lines) instead of one per line. With sparse: true,
 * a line of many points marks only about 30 of them (its shape still shows, the line stays readable).
 */
export function lineChart(canvas, { lines, nets = TWIN, xTitle = t('chart.x'), yTitle, yMin, yMax, digits = 3, clip = false, log = false,
  legendByNet = false, sparse = false }) {
  const make = typeof lines === 'function' ? lines : () => lines;
  const list = netList(nets, (keys) => {
    datasets = build(keys);
    chart.data.datasets = datasets;
    raw.clear();
    if (legendByNet) options.plugins.legend.labels.usePointStyle = keys.length <= 2; // by network: a box in its patterns
  });
  // A line may be the top of a band down to the line before it (band: true, its network's fill pattern) or
  // the band's bottom edge, left out of the legend (legend: false).
  const build = (keys) => make(keys).map((l) => ({
    key: l.key, net: l.net, label: l.label, data: [], borderColor: netStyle(l.net).color,
    backgroundColor: l.band ? fill(l.net, 0.25) : netStyle(l.net).color, borderDash: netStyle(l.net).dash,
    borderWidth: l.points ? 1.5 : 1.2, pointRadius: l.points ? (sparse ? sparseRadius : 4) : 0,
    pointStyle: l.points ? netStyle(l.net).point : 'line', fill: l.band ? '-1' : false, legend: l.legend !== false,
  }));
  let datasets = build(nets);
  const options = base(xTitle, yTitle);
  if (yMin !== undefined) options.scales.y.min = yMin;
  if (yMax !== undefined) options.scales.y.max = yMax;
  const linearTicks = options.scales.y.ticks.callback;
  Object.assign(options.plugins.legend.labels, { usePointStyle: true, boxWidth: 18, padding: 6,
    filter: (item, data) => data.datasets[item.datasetIndex].legend !== false });
  if (legendByNet) byNetLegend(options.plugins.legend, () => list.shown.length > 2);
  options.plugins.tooltip = {
    callbacks: {
      title: (items) => (items.length ? rangeTitle(items[0].raw) : ''),
      label: (item) => `${item.dataset.label}: ${sig(item.raw.clippedFrom ?? item.raw.y, digits)}`,
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
  function logWhenDecades() {
    const ys = datasets.flatMap((d) => d.data.map((p) => p.y)).filter(Number.isFinite);
    const lo = Math.min(...ys), hi = Math.max(...ys);
    const logarithmic = ys.length > 1 && lo > 0 && hi / lo > 100;
    options.scales.y.type = logarithmic ? 'logarithmic' : 'linear';
    options.scales.y.ticks.callback = logarithmic ? logTick : linearTicks;
  }
  return {
    chart,
    nets: list.change,
    /** points: [{ x, y, first, last }] */
    set(key, points) {
      if (clip) raw.set(key, points);
      else { const d = datasets.find((s) => s.key === key); if (d) d.data = points; }
    },
    title(text) { options.scales.y.title.text = text; },
    range(max) { setRange(chart, max); },
    update() {
      if (clip) clipToTypical();
      if (log) logWhenDecades();
      chart.update('none');
    },
  };
}

/** About 30 marks on a line of many points, every one on a short line. */
function sparseRadius(ctx) {
  const n = ctx.dataset.data.length;
  return n <= 40 || ctx.dataIndex % Math.ceil(n / 30) === 0 ? 4 : 0;
}

/**
 * A legend of one entry per network (when byNet() says so): a box in its fill pattern and line pattern; a
 * click hides or shows every line of that network. Else the chart's own entries, one per line.
 */
function byNetLegend(legend, byNet) {
  const own = Chart.defaults.plugins.legend.labels.generateLabels;
  const ownClick = Chart.defaults.plugins.legend.onClick;
  legend.labels.generateLabels = (chart) => {
    if (!byNet()) return own(chart);
    const firsts = chart.data.datasets.map((d, i) => [d, i]).filter(([d], i, all) => all.findIndex(([e]) => e.net === d.net) === i);
    return firsts.map(([d, i]) => ({
      text: netLabel(d.net), datasetIndex: i, net: d.net, hidden: !chart.isDatasetVisible(i), fillStyle: fill(d.net, 0.35),
      strokeStyle: netStyle(d.net).color, lineDash: netStyle(d.net).dash, lineWidth: 2, fontColor: Chart.defaults.color,
    }));
  };
  const onClick = (e, item, l) => {
    if (!byNet()) { ownClick.call(l, e, item, l); return; }
    const chart = l.chart, visible = chart.isDatasetVisible(item.datasetIndex);
    chart.data.datasets.forEach((d, i) => { if (d.net === item.net) chart.setDatasetVisibility(i, !visible); });
    chart.update('none');
  };
  legend.onClick = onClick;
}

/** A logarithmic axis's ticks: 1, 2 and 5 times the powers of ten, the rest unlabelled. */
function logTick(v) {
  const lead = Math.round(v / 10 ** Math.floor(Math.log10(v) + 1e-9));
  return [1, 2, 5].includes(lead) ? sig(v, 1) : '';
}

/** A chart (or a plain canvas, e.g. a heatmap) as a PNG data URL. */
export function png(chartOrCanvas) {
  return chartOrCanvas.toBase64Image ? chartOrCanvas.toBase64Image('image/png', 1) : chartOrCanvas.toDataURL('image/png');
}
