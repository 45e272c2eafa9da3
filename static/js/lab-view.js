// The lab's charts, made with the chart module and fed from the RunRecord the page keeps: one line (or band)
// per network of the run, in the order of its config's nets; a decision-boundary map and a table row each.
import { t } from './i18n.js';
import { bandChart, lineChart } from './charts.js';
import { histogram } from './histogram.js';
import { heatmap } from './heatmap.js';
import { netLabel, swatch } from './nets.js';
import { sig, num } from './format.js';
import { measureCharts } from './lab-measure.js';

/** The percentiles in a bucket's p (LiveRun.PERCENTILES). */
const PERCENTILES = [0, 6.68, 15, 15.87, 30.85, 50, 69.15, 84.13, 85, 93.32, 100];

/** A network's name with the picture of its line, as a chart's legend would show it. */
function labelled(key, tag = 'p') {
  const label = document.createElement(tag);
  label.className = `${tag === 'p' ? 'net-label' : 'net-name'} ${key}`;
  label.append(swatch(key), document.createTextNode(netLabel(key)));
  return label;
}

/** One boundary map's place: the network's label above its canvas. */
function boundaryBox(key) {
  const box = document.createElement('div');
  box.className = 'boundary';
  box.dataset.net = key;
  const canvas = Object.assign(document.createElement('canvas'), { id: `boundary-${key}`, className: 'map', width: 320, height: 320 });
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', t('lab.boundary.aria', netLabel(key)));
  box.append(labelled(key), canvas);
  return box;
}

/** One row of the numbers table: the network's name, then eight values. */
function tableRow(key) {
  const tr = document.createElement('tr');
  tr.dataset.net = key;
  const th = labelled(key, 'th');
  th.scope = 'row';
  tr.append(th);
  for (let i = 0; i < 8; i++) tr.append(document.createElement('td'));
  return tr;
}

export function createView() {
  const lines = (keys) => keys.flatMap((net) => [
    { key: `train-${net}`, net, label: t('chart.train', netLabel(net)), points: false },
    { key: `val-${net}`, net, label: t('chart.validation', netLabel(net)), points: true },
  ]);
  const measures = measureCharts();
  const charts = {
    bands: bandChart(document.getElementById('chart-bands')),
    hist: histogram(document.getElementById('chart-hist')),
    loss: lineChart(document.getElementById('chart-loss'), { lines, yTitle: t('chart.loss'), clip: true, legendByNet: true }),
    acc: lineChart(document.getElementById('chart-acc'), { lines, yTitle: t('chart.accuracy'), yMin: 0, yMax: 1, legendByNet: true }),
    ...measures.charts,
  };
  let maps = {};
  let keys = [];
  let boundary = null;
  let points = null;

  const point = (b, y) => ({ x: (b.first + b.last) / 2, y, first: b.first, last: b.last });

  /** The run's networks: every chart, map and table row for exactly these, in this order. */
  function setNets(next) {
    if (next.join() === keys.join()) return;
    keys = next.slice();
    for (const c of Object.values(charts)) c.nets(keys);
    const boxes = keys.map(boundaryBox);
    document.getElementById('boundary-maps').replaceChildren(...boxes);
    maps = Object.fromEntries(keys.map((key, i) => [key, heatmap(boxes[i].querySelector('canvas.map'))]));
    document.getElementById('values-rows').replaceChildren(...keys.map(tableRow));
    document.getElementById('main').dataset.nets = keys.join(',');
  }

  return {
    charts,
    get maps() { return maps; },
    /** A new run: empty charts for its networks, the boundary shown only for 2-D data, the measure only when it has one. */
    reset(ready, record) {
      setNets(record.keys);
      points = ready.points || null;
      boundary = null;
      document.getElementById('fig-boundary').hidden = ready.data.features !== 2;
      for (const key of keys) maps[key].draw(null);
      charts.hist.set(null);
      measures.reset(ready);
    },
    watchTitle(watch) {
      if (!watch) return;
      const layer = watch.layer + 1, neuron = watch.neuron + 1;
      document.getElementById('bands-title').textContent = t('lab.bands.title', layer, neuron);
      document.getElementById('hist-title').textContent = t('lab.hist.title', layer, neuron);
      measures.watch(watch);
    },
    histogram(h) { if (h) charts.hist.set(h); },
    /** The x-axes from 0 to a preset's length, or automatic (null). */
    range(max) {
      for (const key of ['bands', 'loss', 'acc']) charts[key].range(max);
      for (const c of Object.values(measures.charts)) c.range(max);
    },
    boundary(b) { if (b) boundary = b; },
    /**
     * The values the charts show last, as a table that a keyboard or a screen reader reaches: per network the
     * last bucket's training loss and accuracy, the last validation, the watched input's 15th/50th/85th
     * percentiles and the rate (only while the table is open).
     */
    table(record, frame) {
      if (!document.getElementById('values').open || !frame) return;
      for (const key of keys) {
        const cells = document.querySelectorAll(`#values-rows tr[data-net="${key}"] td`);
        const last = record.nets[key].list[record.nets[key].list.length - 1];
        const val = record.validation[key][record.validation[key].length - 1];
        const p = last && last.p ? last.p : null;
        const at = (v) => PERCENTILES.indexOf(v);
        const net = frame.nets && frame.nets[key];
        const values = [last && last.loss, last && last.accuracy, val && val.loss, val && val.accuracy,
          p && p[at(15)], p && p[at(50)], p && p[at(85)], net && net.learningRate];
        values.forEach((v, i) => { cells[i].textContent = typeof v === 'number' && Number.isFinite(v) ? (i === 7 ? sig(v, 4) : num(v, 3)) : '–'; });
      }
    },
    /** Redraws everything from the record (called at most once per animation frame). */
    draw(record) {
      setNets(record.keys);
      for (const key of keys) {
        const list = record.nets[key].list;
        charts.bands.set(key, list);
        charts.loss.set(`train-${key}`, list.map((b) => point(b, b.loss)));
        charts.acc.set(`train-${key}`, list.map((b) => point(b, b.accuracy)));
        const val = record.validation[key].map((v) => ({ x: v.step, first: v.step, last: v.step }));
        charts.loss.set(`val-${key}`, val.map((v, i) => ({ ...v, y: record.validation[key][i].loss })));
        charts.acc.set(`val-${key}`, val.map((v, i) => ({ ...v, y: record.validation[key][i].accuracy })));
        // A diverged network is left out of the frame's cells: its map keeps its last picture.
        if (boundary && boundary.cells && boundary.cells[key]) maps[key].draw(boundary, boundary.cells[key], points);
      }
      measures.draw(record);
      for (const c of Object.values(charts)) c.update();
    },
  };
}

/** A learning rate as people write it: 0,5 or 20 or 0,0001 or 1·10⁻²⁷⁵ (never a wall of zeros). */
export function rate(v) { return sig(v, 4); }

/**
 * "Iteration 1.234 · Epoche 5 · Lernrate 0,5" for the status line; when the twin's networks train at different
 * rates, both ("Lernrate ohne BN 0,02, mit BN 0,6"); more networks: the rate most of them use, and the others
 * by name ("Lernrate 0,02 (mit BN wie im Paper 0,1)").
 */
export function statusText(frame, fmtSteps) {
  const nets = Object.entries(frame.nets || {}).filter(([, n]) => n.learningRate !== undefined);
  const rates = nets.map(([, n]) => n.learningRate);
  if (rates.every((r) => r === rates[0])) return t('lab.status', fmtSteps(frame.step), fmtSteps(frame.epoch), rate(frame.learningRate));
  if (nets.length === 2 && nets[0][0] === 'plain' && nets[1][0] === 'bn') {
    return t('lab.status.two', fmtSteps(frame.step), fmtSteps(frame.epoch), rate(rates[0]), rate(rates[1]));
  }
  const usual = rates.reduce((best, r) => (rates.filter((x) => x === r).length > rates.filter((x) => x === best).length ? r : best), rates[0]);
  const others = nets.filter(([, n]) => n.learningRate !== usual).map(([key, n]) => t('lab.status.rateOf', netLabel(key), rate(n.learningRate)));
  return t('lab.status.many', fmtSteps(frame.step), fmtSteps(frame.epoch), rate(usual), others.join(', '));
}

/**
 * The main chart (the watched neuron's bands) fills the rest of the first screen where a class looks at it: on
 * the instructor's page (the projector's), a student's page, and the lab in projector mode. Elsewhere it keeps
 * its size from the style sheet. Called again whenever what is above it changes (a panel, a banner, a resize).
 */
export function fitFirstScreen() {
  const box = document.querySelector('#fig-bands .chart-box');
  const main = document.getElementById('main');
  if (!box || !main) return;
  const mode = main.dataset.mode;
  const fit = mode === 'teach' || mode === 'join' || document.documentElement.dataset.projector === 'true';
  if (!fit || box.getClientRects().length === 0) { box.style.height = ''; return; }
  const screen = window.innerHeight;
  const top = box.getBoundingClientRect().top + window.scrollY;
  // Below the chart stays a strip of the first screen: the axis caption on a projector, a student's next step on a phone.
  const below = mode === 'join' && window.innerWidth < 700 ? Math.max(48, 0.08 * screen) : 12;
  const room = screen - top - below;
  const min = Math.min(screen * 0.5, 320);
  box.style.height = `${Math.round(top > screen * 0.6 ? screen * 0.7 : Math.max(min, room))}px`;
}
