// The lab's charts, made with the chart module and fed from the RunRecord the page keeps.
import { t, lang } from './i18n.js';
import { bandChart, lineChart, histogram, heatmap, netLabel, NET_KEYS } from './charts.js';
import { sig, num } from './format.js';

/** The percentiles in a bucket's p (LiveRun.PERCENTILES). */
const PERCENTILES = [0, 6.68, 15, 15.87, 30.85, 50, 69.15, 84.13, 85, 93.32, 100];

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
    /**
     * The values the charts show last, as a table that a keyboard or a screen reader reaches: per network the
     * last bucket's training loss and accuracy, the last validation, the watched input's 15th/50th/85th
     * percentiles and the rate (only while the table is open).
     */
    table(record, frame) {
      if (!document.getElementById('values').open || !frame) return;
      for (const key of NET_KEYS) {
        const cells = document.querySelectorAll(`.values-table tr[data-net="${key}"] td`);
        const last = record.nets[key].list[record.nets[key].list.length - 1];
        const val = record.validation[key][record.validation[key].length - 1];
        const p = last && last.p ? last.p : null;
        const at = (v) => PERCENTILES.indexOf(v);
        const values = [last && last.loss, last && last.accuracy, val && val.loss, val && val.accuracy,
          p && p[at(15)], p && p[at(50)], p && p[at(85)], frame[key] && frame[key].learningRate];
        values.forEach((v, i) => { cells[i].textContent = typeof v === 'number' && Number.isFinite(v) ? (i === 7 ? sig(v, 4) : num(v, 3)) : '–'; });
      }
    },
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
