// What a watcher receives (a student following the class), made back into the frames and the history the
// charts take: docs/protocol.md, "Watchers"; the server's side is bnlab.web.lab.WatcherFrames. The server sends
// watchers compact messages, "wf" for a frame and "wh" for a late joiner's history, so that 200 students on one
// Wi-Fi get at most about 4 KB a second each; this module is the one place that reads them.
import { TWIN } from './nets.js';

/** The characters of a decision boundary's levels 0..63. */
const LEVELS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
const TOP = LEVELS.length - 1;
const MANTISSA = [1, 2, 5];

/** The unit of a scale: [1, 2, 5][scale mod 3] times 10 to the floor(scale / 3). */
export function unit(scale) {
  return MANTISSA[((scale % 3) + 3) % 3] * 10 ** Math.floor(scale / 3);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The whole numbers of a Base64 VLQ, as source maps write them (5 bits a character, sign in the lowest bit). */
export function vlq(text) {
  const out = [];
  let value = 0, shift = 0;
  for (const ch of text) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if (!(digit & 32)) {
      out.push(value % 2 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** Percentiles from whole units, the first as it is and each further one as the difference to the one before. */
function percentiles(text, u) {
  if (!text) return null;
  let sum = 0;
  return vlq(text).map((d) => { sum += d; return sum * u; });
}

/** A histogram's counts: one character (its index in LEVELS) a bin, or two (64 x first + second) when a count reaches 64. */
function counts(text, bins) {
  if (!text) return null;
  const two = text.length === 2 * bins;
  return Array.from({ length: bins }, (_, i) => (two ? 64 * LEVELS.indexOf(text[2 * i]) + LEVELS.indexOf(text[2 * i + 1]) : LEVELS.indexOf(text[i])));
}

/** A boundary's cells, each a level, as the values the heatmap draws. */
function cells(text, value, lo, hi) {
  const out = new Float32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const level = LEVELS.indexOf(text[i]);
    out[i] = value === 'class' ? level : value === 'output' ? lo + ((hi - lo) * level) / TOP : level / TOP;
  }
  return out;
}

/** A histogram [lo, hi, counts] with its step; the bins are as many as the run's settings say. */
function histogram(h, step, names, bins) {
  if (!h) return null;
  const all = {};
  names.forEach((key, i) => { if (h[2][i]) all[key] = counts(h[2][i], bins); });
  return { step, lo: h[0], hi: h[1], counts: all };
}

/** A boundary [step, size, xMin, xMax, yMin, yMax, value, lo, hi, cells]. */
function boundary(b, names) {
  if (!b) return null;
  const [step, size, xMin, xMax, yMin, yMax, value, lo, hi, all] = b;
  const out = {};
  names.forEach((key, i) => { if (all[i]) out[key] = cells(all[i], value, lo, hi); });
  return { step, size, xMin, xMax, yMin, yMax, value, cells: out };
}

function measure(points) {
  return points ? points.map(([step, values]) => ({ step, values })) : null;
}

/**
 * A decoder for one connection: it learns the run's networks from each `ready`, and the status (epoch, rates,
 * watched neuron) from the messages that carry it, since a frame carries them only when they changed and
 * every twentieth time.
 */
export function watcherDecoder() {
  let names = TWIN;
  let bins = 30;
  let lastStep = 0;
  let epoch = 0;
  let rates = [];
  let watch = null;

  /** The rate of the last network that has one: the status line's, when all networks share it. */
  const lastRate = () => [...rates].reverse().find((r) => typeof r === 'number');

  function status(m) {
    if (m.e !== undefined && m.e !== null) epoch = m.e;
    if (m.r) rates = m.r;
    if (m.w) watch = m.w;
  }

  return {
    /** A new run: its networks, in its order. */
    ready(m) {
      names = (m.config && m.config.nets) || TWIN;
      if (m.settings) bins = m.settings.histogramBins;
      lastStep = 0;
      epoch = 0;
      rates = [];
      watch = m.watch || null;
    },

    /** A "wf" message as the frame the full protocol would have sent (one bucket per network). */
    frame(m) {
      status(m);
      const k = m.k ?? m.s - lastStep; // left out: the iterations since the previous frame
      lastStep = m.s;
      const nets = {};
      names.forEach((key, i) => {
        const b = m.n && m.n[i];
        const net = { learningRate: rates[i] };
        if (b) {
          const [scale, loss, accuracy, q] = b;
          const p = percentiles(q, unit(scale));
          net.series = { first: [m.s - k + 1], last: [m.s], loss: [loss], accuracy: [accuracy],
            percentiles: p ? p.map((v) => [v]) : null, percentilesMin: null, percentilesMax: null };
        }
        const v = m.v && m.v[i];
        if (v) net.validation = { step: m.s, loss: v[0], accuracy: v[1] };
        const points = m.m && m.m[i];
        if (points) net.measure = measure(points);
        nets[key] = net;
      });
      return { step: m.s, epoch, learningRate: lastRate(), watch, nets,
        histogram: histogram(m.h, m.s, names, bins), boundary: boundary(m.b, names) };
    },

    /** A "wh" message as the history the full protocol would have sent. */
    history(m) {
      status(m);
      lastStep = m.s;
      const nets = {};
      names.forEach((key, i) => {
        const trail = m.n && m.n[i];
        if (!trail) return;
        const u = unit(trail.x);
        const first = [], last = [];
        let at = trail.f;
        for (const w of trail.k) { first.push(at); last.push(at + w - 1); at += w; }
        const rows = trail.p.map((q) => percentiles(q, u));
        const width = (rows.find((r) => r) || []).length;
        const p = width ? Array.from({ length: width }, (_, j) => rows.map((r) => (r ? r[j] : null))) : null;
        nets[key] = {
          series: { first, last, loss: trail.l, accuracy: trail.a, percentiles: p, percentilesMin: null, percentilesMax: null },
          validations: trail.v.map(([step, loss, accuracy]) => ({ step, loss, accuracy })),
          diverged: trail.d || null,
          measure: measure(trail.m),
          learningRate: rates[i],
        };
      });
      const learningRates = {};
      names.forEach((key, i) => { if (typeof rates[i] === 'number') learningRates[key] = rates[i]; });
      return { type: 'history', step: m.s, epoch, learningRate: lastRate(), learningRates, watch, nets,
        histogram: histogram(m.h, m.s, names, bins), boundary: boundary(m.b, names) };
    },
  };
}
