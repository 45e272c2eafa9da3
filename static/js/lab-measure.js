// The measure charts of a run whose config has a measure (docs/protocol.md, "Measure"): Santurkar et al.'s
// points, taken at step 1 and every 50th, one line per network. gradient-shift: ||G - G'|| and cos(G, G') of
// the watched neuron's layer; landscape: the loss range, the gradient predictiveness and the effective
// beta-smoothness along the gradient. Shown only for such a run; the third chart only for landscape.
import { t } from './i18n.js';
import { lineChart, netLabel } from './charts.js';

/** Per measure, its charts: the message key of each and the value column it draws (layers: L, layer: 0-based). */
const CHARTS = {
  'gradient-shift': [
    { name: 'diff', column: (layers, layer) => layer },
    { name: 'cos', column: (layers, layer) => layers + layer },
  ],
  landscape: [
    { name: 'lossRange', column: () => 0 },
    { name: 'predictiveness', column: () => 1 },
    { name: 'betaSmoothness', column: () => 2 },
  ],
};
const COUNT = 3;

export function measureCharts() {
  const $ = (id) => document.getElementById(id);
  const lines = (keys) => keys.map((net) => ({ key: net, net, label: netLabel(net), points: true }));
  const charts = {};
  for (let i = 0; i < COUNT; i++) charts[`m${i}`] = lineChart($(`chart-m${i}`), { lines, yTitle: '', digits: 4, log: true, sparse: true });
  let kind = null;
  let layers = 0;
  let layer = 0;

  /** The figures' titles, axis titles and captions for the measure and the watched layer. */
  function texts() {
    (CHARTS[kind] || []).forEach((c, i) => {
      $(`m${i}-title`).textContent = t(`lab.measure.${c.name}.title`, layer + 1);
      $(`m${i}-caption`).textContent = t(`lab.measure.${c.name}.caption`);
      $(`chart-m${i}`).setAttribute('aria-label', t(`lab.measure.${c.name}.title`, layer + 1));
      $(`fig-m${i}`).querySelector('button.png').dataset.file = c.name; // the PNG's name: ...-lossRange.png
      charts[`m${i}`].title(t(`lab.measure.${c.name}.y`));
    });
  }

  return {
    charts,
    /** A new run: its measure (or none: the charts hidden), its number of hidden layers, the watched one. */
    reset(ready) {
      kind = CHARTS[ready.config.measure] ? ready.config.measure : null;
      layers = ready.layers.length;
      layer = ready.watch ? ready.watch.layer : layers - 1;
      $('fig-measure').hidden = !kind;
      for (let i = 0; i < COUNT; i++) $(`fig-m${i}`).hidden = !kind || i >= CHARTS[kind].length;
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
        const column = c.column(layers, layer);
        for (const key of record.keys) {
          chart.set(key, record.measure[key]
            .map((p) => ({ x: p.step, y: p.values[column], first: p.step, last: p.step }))
            .filter((p) => typeof p.y === 'number' && Number.isFinite(p.y)));
        }
      });
    },
  };
}
