// A chart of runs against their learning rate (the classroom's class chart). Part of the chart module:
// pages import it through charts.js.
/* global Chart */
import { t } from './i18n.js';
import { num, sig } from './format.js';
import { TWIN, netStyle, netLabel, fill, base, paper, netList } from './charts.js';

/**
 * Runs as points: a value (y, e.g. validation accuracy) against a learning rate (x, logarithmic axis), the
 * networks told apart by colour AND point shape AND line style: each network's points, a line through their
 * mean per rate (dashed without BN), and its marked run drawn as a large star (the class run).
 * set(key, points) takes [{ x, y, label }]; mark(key, point or null); title(yTitle); nets(keys) the networks drawn.
 */
export function rateChart(canvas, { xTitle = t('chart.learningRate'), yTitle, markLabel, yMin = 0, yMax = 1, nets = TWIN } = {}) {
  function build(keys) {
    const datasets = [];
    for (const key of keys) {
      const net = netStyle(key);
      datasets.push({ net: key, role: 'points', label: netLabel(key), data: [], showLine: false, pointStyle: net.point,
        pointRadius: 7, pointHoverRadius: 9, borderColor: net.color, backgroundColor: fill(key, 0.45), borderWidth: 2 });
      datasets.push({ net: key, role: 'trend', label: t('chart.trend', netLabel(key)), data: [], showLine: true,
        pointRadius: 0, pointStyle: 'line', borderColor: net.color, borderDash: net.dash, borderWidth: 2.5, fill: false });
      datasets.push({ net: key, role: 'mark', label: markLabel ? markLabel(key) : netLabel(key), data: [], showLine: false,
        pointStyle: 'star', pointRadius: 14, pointHoverRadius: 16, borderColor: net.color, backgroundColor: net.color, borderWidth: 3 });
    }
    return datasets;
  }
  let datasets = build(nets);
  const list = netList(nets, (keys) => {
    datasets = build(keys);
    chart.data.datasets = datasets;
  });
  const options = base(xTitle, yTitle);
  options.interaction = { mode: 'nearest', intersect: true };
  options.scales.x = { type: 'logarithmic', title: { display: true, text: xTitle }, ticks: { callback: (v) => {
    const e = Math.log10(v);
    return Math.abs(e - Math.round(e)) < 1e-9 || [2, 5].includes(Math.round(v / 10 ** Math.floor(e))) ? sig(v, 2) : '';
  } } };
  options.scales.y.min = yMin;
  options.scales.y.max = yMax;
  // A mean line's entry is a line in its pattern (dashed without BN ...): with point styles Chart.js takes
  // the dash of the first point, which has none, and draws every 'line' solid.
  const ownLabels = Chart.defaults.plugins.legend.labels.generateLabels;
  options.plugins.legend.labels = { usePointStyle: true, boxWidth: 18, padding: 8,
    generateLabels: (c) => ownLabels(c).map((item) => {
      const d = c.data.datasets[item.datasetIndex];
      return d && d.role === 'trend' ? { ...item, lineDash: d.borderDash, lineWidth: d.borderWidth } : item;
    }) };
  options.plugins.tooltip = {
    filter: (item) => item.dataset.role !== 'trend',
    callbacks: {
      title: () => '',
      label: (item) => t('chart.point', item.raw.label || item.dataset.label, sig(item.raw.x, 3), num(item.raw.y, 3)),
    },
  };
  const chart = new Chart(canvas, { type: 'scatter', data: { datasets }, options, plugins: [paper] });
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
      if (!find(key, 'mark')) return;
      find(key, 'mark').data = point && point.x > 0 && Number.isFinite(point.y) ? [point] : [];
    },
    title(text) { options.scales.y.title.text = text; },
    update() {
      // Room on both sides of the rates shown (a factor of 1.5), so no point sits on the axis.
      const xs = datasets.flatMap((d) => d.data.map((p) => p.x)).filter((x) => x > 0);
      options.scales.x.min = xs.length ? Math.min(...xs) / 1.5 : undefined;
      options.scales.x.max = xs.length ? Math.max(...xs) * 1.5 : undefined;
      chart.update('none');
    },
  };
}

