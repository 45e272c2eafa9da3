// The measure charts of a run whose config has a measure (docs/protocol.md, "Measure"): Santurkar et al.'s
// points, taken at step 1 and every 50th, one line per network. gradient-shift: ||G - G'|| and cos(G, G') of
// the watched neuron's layer; landscape, as the paper's Figure 4: the loss along the gradient and the change of
// the gradient as bands (smallest to largest over the step sizes) and the effective beta-smoothness as a line.
// Shown only for such a run; the third chart only for landscape.
import { t } from './i18n.js';
import { lineChart } from './charts.js';
import { netLabel } from './nets.js';

/**
 * Per measure, its charts, each named as the measure's column it shows (its message keys), and the name of the value column it draws (layer: 0-based), or
 * for a band the names of its bottom and top edge; the ready message names the columns (measureColumns).
 */
const CHARTS = {
  'gradient-shift': [
    { name: 'g_diff', column: (layer) => `g_diff_${layer + 1}` },
    { name: 'g_cos', column: (layer) => `g_cos_${layer + 1}` },
  ],
  landscape: [
    { name: 'loss_range', band: ['loss_min', 'loss_max'] },
    { name: 'predictiveness', band: ['change_min', 'predictiveness'] }, // the largest change is the predictiveness
    { name: 'beta_smoothness', column: () => 'beta_smoothness' },
  ],
};
const COUNT = 3;

export function measureCharts() {
  const $ = (id) => document.getElementById(id);
  let kind = null;
  const spec = (i) => (CHARTS[kind] || [])[i];
  // A band: its bottom edge (not in the legend), then its top edge filled down to it; else one line per network.
  const lines = (i) => (keys) => keys.flatMap((net) => (spec(i) && spec(i).band
    ? [{ key: `${net}:lo`, net, label: netLabel(net), legend: false }, { key: `${net}:hi`, net, label: netLabel(net), band: true, points: true }]
    : [{ key: net, net, label: netLabel(net), points: true }]));
  const charts = {};
  for (let i = 0; i < COUNT; i++) charts[`m${i}`] = lineChart($(`chart-m${i}`), { lines: lines(i), yTitle: '', digits: 4, log: true, sparse: true });
  let columns = [];
  let layer = 0;

  /** The figures' titles, axis titles and captions for the measure and the watched layer. */
  function texts() {
    (CHARTS[kind] || []).forEach((c, i) => {
      $(`m${i}-title`).textContent = t(`lab.measure.${c.name}.title`, layer + 1);
      $(`m${i}-caption`).textContent = t(`lab.measure.${c.name}.caption`);
      $(`chart-m${i}`).setAttribute('aria-label', t(`lab.measure.${c.name}.title`, layer + 1));
      $(`fig-m${i}`).querySelector('button.png').dataset.file = c.name; // the PNG's name: ...-loss_range.png
      charts[`m${i}`].title(t(`lab.measure.${c.name}.y`));
    });
  }

  return {
    charts,
    /** A new run: its measure (or none: the charts hidden), the names of its values, the watched layer. */
    reset(ready) {
      kind = CHARTS[ready.config.measure] ? ready.config.measure : null;
      columns = ready.measureColumns || [];
      layer = ready.watch ? ready.watch.layer : ready.layers.length - 1;
      $('fig-measure').hidden = !kind;
      for (let i = 0; i < COUNT; i++) {
        $(`fig-m${i}`).hidden = !kind || i >= CHARTS[kind].length;
        charts[`m${i}`].nets([]); // the lines follow the measure: built anew at the next draw
      }
      texts();
    },
    /** gradient-shift is about the watched neuron's layer: a new layer, new titles and lines. */
    watch(w) {
      if (!w || w.layer === layer) return;
      layer = w.layer;
      texts();
    },
    draw(record) {
      if (!kind) return;
      CHARTS[kind].forEach((c, i) => {
        const chart = charts[`m${i}`];
        chart.nets(record.keys);
        const points = (key, name) => record.measure[key]
          .map((p) => ({ x: p.step, y: p.values[columns.indexOf(name)], first: p.step, last: p.step }))
          .filter((p) => typeof p.y === 'number' && Number.isFinite(p.y));
        for (const key of record.keys) {
          if (c.band) {
            chart.set(`${key}:lo`, points(key, c.band[0]));
            chart.set(`${key}:hi`, points(key, c.band[1]));
          } else {
            chart.set(key, points(key, c.column(layer)));
          }
        }
      });
    },
  };
}
