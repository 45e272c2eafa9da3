// The histogram of the watched neuron's inputs over the current batch, every network on one range.
/* global Chart */
import { t } from './i18n.js';
import { num, digitsFor } from './format.js';
import { TWIN, netLabel, netStyle, fill } from './nets.js';
import { base, paper, netList } from './chart-base.js';

/**
 * Counts in equal bins on [lo, hi] of every network: the twin's side by side as bars (the one without BN
 * hatched); more networks overlaid, each as the outline of its histogram in its line pattern.
 */
export function histogram(canvas, { xTitle = t('chart.input'), yTitle = t('chart.count'), nets = TWIN } = {}) {
  const list = netList(nets, (keys) => { chart.data.datasets = build(keys); });
  const build = (keys) => keys.map((key) => (keys.length > 2
    ? { type: 'line', net: key, label: netLabel(key), data: [], stepped: 'middle', borderColor: netStyle(key).color,
      borderDash: netStyle(key).dash, borderWidth: 2.5, pointRadius: 0, fill: false,
      backgroundColor: fill(key, 0.3) }
    : { net: key, label: netLabel(key), data: [], backgroundColor: fill(key, 0.55),
      borderColor: netStyle(key).color, borderWidth: 1.5, categoryPercentage: 0.9, barPercentage: 1 }));
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
  const chart = new Chart(canvas, { type: 'bar', data: { labels: [], datasets: build(nets) }, options, plugins: [paper] });
  return {
    chart,
    nets: list.change,
    /** h: the frame's histogram, { lo, hi, counts: { key: [...] } } (a diverged network left out). */
    set(h) {
      const counts = h && h.counts ? Object.values(h.counts) : [];
      if (!counts.length) { chart.data.labels = []; chart.data.datasets.forEach((d) => { d.data = []; }); return; }
      const n = counts[0].length, w = (h.hi - h.lo) / n;
      bins = Array.from({ length: n }, (_, i) => [h.lo + i * w, h.lo + (i + 1) * w]);
      // Enough decimals that neighbouring bins never share a label.
      chart.data.labels = bins.map(([a, b]) => num((a + b) / 2, digitsFor(w)));
      for (const d of chart.data.datasets) d.data = h.counts[d.net] || [];
    },
    update() { chart.update('none'); },
  };
}

