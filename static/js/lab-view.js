// The lab's charts, made with the chart module and fed from the RunRecord the page keeps.
import { t, lang } from './i18n.js';
import { bandChart, lineChart, histogram, heatmap, netLabel, NET_KEYS } from './charts.js';
import { sig } from './format.js';

export function createView() {
  const lines = (what) => NET_KEYS.flatMap((net) => [
    { key: `train-${net}`, net, label: t('chart.train', netLabel(net)), points: false },
    { key: `val-${net}`, net, label: t('chart.validation', netLabel(net)), points: true },
  ]);
  const charts = {
    bands: bandChart(document.getElementById('chart-bands')),
    hist: histogram(document.getElementById('chart-hist')),
    loss: lineChart(document.getElementById('chart-loss'), { lines: lines('loss'), yTitle: t('chart.loss'), clip: true }),
    acc: lineChart(document.getElementById('chart-acc'), { lines: lines('acc'), yTitle: t('chart.accuracy'), yMin: 0, yMax: 1 }),
  };
  const maps = { plain: heatmap(document.getElementById('boundary-plain')), bn: heatmap(document.getElementById('boundary-bn')) };
  let boundary = null;
  let points = null;

  const point = (b, y) => ({ x: (b.first + b.last) / 2, y, first: b.first, last: b.last });

  return {
    charts,
    maps,
    /** A new run: empty charts, the boundary shown only for 2-D data. */
    reset(ready) {
      points = ready.points || null;
      boundary = null;
      document.getElementById('fig-boundary').hidden = ready.data.features !== 2;
      for (const key of NET_KEYS) maps[key].draw(null);
      charts.hist.set(null);
    },
    watchTitle(watch) {
      if (!watch) return;
      const layer = watch.layer + 1, neuron = watch.neuron + 1;
      document.getElementById('bands-title').textContent = t('lab.bands.title', layer, neuron);
      document.getElementById('hist-title').textContent = t('lab.hist.title', layer, neuron);
    },
    histogram(h) { if (h) charts.hist.set(h); },
    /** The x-axes from 0 to a preset's length, or automatic (null). */
    range(max) { for (const key of ['bands', 'loss', 'acc']) charts[key].range(max); },
    boundary(b) { if (b) boundary = b; },
    /** Redraws everything from the record (called at most once per animation frame). */
    draw(record) {
      for (const key of NET_KEYS) {
        const list = record.nets[key].list;
        charts.bands.set(key, list);
        charts.loss.set(`train-${key}`, list.map((b) => point(b, b.loss)));
        charts.acc.set(`train-${key}`, list.map((b) => point(b, b.accuracy)));
        const val = record.validation[key].map((v) => ({ x: v.step, first: v.step, last: v.step }));
        charts.loss.set(`val-${key}`, val.map((v, i) => ({ ...v, y: record.validation[key][i].loss })));
        charts.acc.set(`val-${key}`, val.map((v, i) => ({ ...v, y: record.validation[key][i].accuracy })));
        if (boundary) maps[key].draw(boundary, boundary[key], points);
      }
      for (const c of Object.values(charts)) c.update();
    },
  };
}

/** A learning rate as people write it: 0,5 or 20 or 0,0001 or 1·10⁻²⁷⁵ (never a wall of zeros). */
export function rate(v) { return sig(v, 4); }

/**
 * "Iteration 1.234 · Epoche 5 · Lernrate 0,5" for the status line; when the two networks train at
 * different rates, both ("Lernrate ohne BN 0,02 · mit BN 0,6").
 */
export function statusText(frame, fmtSteps) {
  const p = frame.plain.learningRate, b = frame.bn.learningRate;
  if (p !== undefined && b !== undefined && p !== b) {
    return t('lab.status.two', fmtSteps(frame.step), fmtSteps(frame.epoch), rate(p), rate(b));
  }
  return t('lab.status', fmtSteps(frame.step), fmtSteps(frame.epoch), rate(frame.learningRate));
}
