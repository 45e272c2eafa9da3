// A chart of runs against their learning rate (the classroom's class chart).
/* global Chart */
import { t } from './i18n.js';
import { num, sig } from './format.js';
import { TWIN, netStyle, netLabel, fill } from './nets.js';
import { base, paper, netList } from './chart-base.js';

/**
 * Runs as points: a value (y, e.g. validation accuracy) against a learning rate (x, logarithmic axis), the
 * networks told apart by colour AND point shape AND line style: each network's points, a line through their
 * mean per rate (dashed without BN), and its marked run drawn as a large star (the class run). Runs that diverged
 * have no value to show: they are crosses on the bottom edge, in their network's colour.
 * set(key, points) takes [{ x, y, label }]; mark(key, point or null); diverged([{ net, x, label }]);
 * title(yTitle); nets(keys) the networks drawn. Points on a limit of the y-axis (an accuracy of 1) are drawn
 * whole, over the chart's edge, never cut in half.
 */
export function rateChart(canvas, { xTitle = t('chart.learningRate'), yTitle, markLabel, yMin = 0, yMax = 1, nets = TWIN } = {}) {
  function build(keys) {
    const datasets = [];
    for (const key of keys) {
      const net = netStyle(key);
      datasets.push({ net: key, role: 'points', label: netLabel(key), data: [], showLine: false, pointStyle: net.point, clip: false,
        pointRadius: 7, pointHoverRadius: 9, borderColor: net.color, backgroundColor: fill(key, 0.45), borderWidth: 2 });
      datasets.push({ net: key, role: 'trend', label: t('chart.trend', netLabel(key)), data: [], showLine: true,
        pointRadius: 0, pointStyle: 'line', borderColor: net.color, borderDash: net.dash, borderWidth: 2.5, fill: false });
      datasets.push({ net: key, role: 'mark', label: markLabel ? markLabel(key) : netLabel(key), data: [], showLine: false, clip: false,
        pointStyle: 'star', pointRadius: 14, pointHoverRadius: 16, borderColor: net.color, backgroundColor: net.color, borderWidth: 3 });
    }
    return datasets;
  }
  /** Runs that diverged, one dataset for all networks (each point in its network's colour). */
  const divergedSet = () => ({ role: 'diverged', label: t('chart.diverged'), data: [], showLine: false, pointStyle: 'crossRot', clip: false,
    pointRadius: 10, pointHoverRadius: 12, borderWidth: 3, borderColor: (c) => netStyle(c.raw ? c.raw.net : 'plain').color,
    backgroundColor: 'transparent' });
  let datasets = [...build(nets), divergedSet()];
  const list = netList(nets, (keys) => {
    datasets = [...build(keys), divergedSet()];
    chart.data.datasets = datasets;
  });
  const options = base(xTitle, yTitle);
  options.interaction = { mode: 'nearest', intersect: true };
  // Ticks at 1, 2 and 5 times a power of ten only (not the axis's own ends, such as 2.25 beside 2).
  options.scales.x = { type: 'logarithmic', title: { display: true, text: xTitle }, ticks: { callback: (v) => {
    const power = 10 ** Math.floor(Math.log10(v) + 1e-9);
    const lead = v / power;
    return [1, 2, 5].some((m) => Math.abs(lead - m) < 1e-6) ? sig(v, 2) : '';
  } } };
  options.scales.y.min = yMin;
  options.scales.y.max = yMax;
  options.layout = { padding: { top: 18, right: 8 } }; // room for a star at the top edge
  // A mean line's entry is a line in its pattern (dashed without BN ...): with point styles Chart.js takes
  // the dash of the first point, which has none, and draws every 'line' solid.
  const ownLabels = Chart.defaults.plugins.legend.labels.generateLabels;
  // Every entry's picture the same size (a star's radius of 14 would run into its neighbours' text), with room
  // between entries; the crosses of diverged runs in the text's colour, only while there are any.
  options.plugins.legend.labels = { usePointStyle: true, boxWidth: 18, boxHeight: 12, pointStyleWidth: 22, padding: 14,
    filter: (item, data) => { const d = data.datasets[item.datasetIndex]; return d.role !== 'diverged' || d.data.length > 0; },
    generateLabels: (c) => ownLabels(c).map((item) => {
      const d = c.data.datasets[item.datasetIndex];
      if (d && d.role === 'trend') return { ...item, lineDash: d.borderDash, lineWidth: d.borderWidth };
      if (d && d.role === 'diverged') return { ...item, strokeStyle: Chart.defaults.color, fillStyle: 'transparent', lineWidth: 2 };
      return { ...item, lineWidth: Math.min(item.lineWidth || 1, 2) };
    }) };
  options.plugins.tooltip = {
    filter: (item) => item.dataset.role !== 'trend',
    callbacks: {
      title: () => '',
      label: (item) => (item.dataset.role === 'diverged' ? `${item.raw.label}, ${sig(item.raw.x, 3)}`
        : t('chart.point', item.raw.label || item.dataset.label, sig(item.raw.x, 3), num(item.raw.y, 3))),
    },
  };
  const chart = new Chart(canvas, { type: 'scatter', data: { datasets }, options, plugins: [paper] });
  let fixed = null; // the rate axis a lecture plan's task set
  const find = (key, role) => datasets.find((d) => d.net === key && d.role === role);
  return {
    chart,
    nets: list.change,
    set(key, points) {
      const valid = points.filter((p) => p.x > 0 && Number.isFinite(p.x) && Number.isFinite(p.y));
      if (!find(key, 'points')) return;
      find(key, 'points').data = valid;
      const byRate = new Map();
      for (const p of valid) byRate.set(p.x, [...(byRate.get(p.x) || []), p.y]);
      find(key, 'trend').data = [...byRate.entries()].sort((a, b) => a[0] - b[0])
        .map(([x, ys]) => ({ x, y: ys.reduce((a, b) => a + b, 0) / ys.length }));
    },
    mark(key, point) {
      const d = find(key, 'mark');
      if (!d) return;
      d.data = point && point.x > 0 && Number.isFinite(point.y) ? [point] : [];
      d.label = d.data.length && point.label ? point.label : (markLabel ? markLabel(key) : netLabel(key));
    },
    /** Runs that diverged: [{ net, x, label }], drawn on the bottom edge. */
    diverged(points) {
      const d = datasets.find((s) => s.role === 'diverged');
      d.data = points.filter((p) => p.x > 0 && Number.isFinite(p.x)).map((p) => ({ ...p, y: yMin }));
    },
    title(text) { options.scales.y.title.text = text; },
    /** The rate axis from..to (a lecture plan's task), or null: fitted to the points. */
    axis(range) { fixed = Array.isArray(range) && range.length === 2 ? range : null; },
    update() {
      // Room on both sides of the rates shown (a factor of 1.5), so no point sits on the axis.
      const xs = datasets.flatMap((d) => d.data.map((p) => p.x)).filter((x) => x > 0);
      options.scales.x.min = fixed ? fixed[0] : xs.length ? Math.min(...xs) / 1.5 : undefined;
      options.scales.x.max = fixed ? fixed[1] : xs.length ? Math.max(...xs) * 1.5 : undefined;
      chart.update('none');
    },
  };
}

