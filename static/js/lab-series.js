// What the lab page holds of a run: per network a bounded list of buckets of steps, as the server
// summarizes them (docs/protocol.md, "Series"). When a list grows past MAX, neighbours are merged in
// pairs, so 10,000s of iterations stay a few hundred points and the charts stay smooth.

import { TWIN } from './nets.js';

export const MAX_BUCKETS = 400;

function weight(b) { return b.last - b.first + 1; }

function merge(a, b) {
  const wa = weight(a), wb = weight(b), w = wa + wb;
  const mean = (x, y) => (x === null || y === null ? (x ?? y) : (x * wa + y * wb) / w);
  const out = { first: a.first, last: b.last, loss: mean(a.loss, b.loss), accuracy: mean(a.accuracy, b.accuracy) };
  if (a.p && b.p) {
    out.p = a.p.map((v, j) => mean(v, b.p[j]));
    out.pMin = a.pMin.map((v, j) => Math.min(v, b.pMin[j]));
    out.pMax = a.pMax.map((v, j) => Math.max(v, b.pMax[j]));
  }
  return out;
}

/** Buckets of one network: { first, last, loss, accuracy, p[9], pMin[9], pMax[9] }, consecutive steps. */
export class Buckets {
  constructor(max = MAX_BUCKETS) { this.max = max; this.clear(); }

  /** width: iterations a bucket should span; doubles at every merge, so old and new points stay alike. */
  clear() { this.list = []; this.width = 1; }

  /** Appends a frame's series (column-wise). */
  add(series) {
    if (!series || !series.first) return;
    for (let b = 0; b < series.first.length; b++) {
      // A history's bucket from before a watch change has no percentiles (null, NaN on the server).
      const p = series.percentiles ? series.percentiles.map((col) => col[b]) : null;
      const bucket = { first: series.first[b], last: series.last[b], loss: series.loss[b], accuracy: series.accuracy[b] };
      if (p && p.every((v) => v !== null && !Number.isNaN(v))) {
        bucket.p = p;
        bucket.pMin = series.percentilesMin ? series.percentilesMin.map((col) => col[b]) : p.slice();
        bucket.pMax = series.percentilesMax ? series.percentilesMax.map((col) => col[b]) : p.slice();
      }
      const last = this.list[this.list.length - 1];
      if (last && last.p && weight(last) < this.width && last.last + 1 === bucket.first) {
        this.list[this.list.length - 1] = merge(last, bucket);
      } else {
        this.list.push(bucket);
      }
    }
    while (this.list.length > this.max) {
      this.width *= 2;
      const merged = [];
      for (let i = 0; i + 1 < this.list.length; i += 2) merged.push(merge(this.list[i], this.list[i + 1]));
      if (this.list.length % 2) merged.push(this.list[this.list.length - 1]);
      this.list = merged;
    }
  }

  /** The last step recorded, or 0. */
  lastStep() { return this.list.length ? this.list[this.list.length - 1].last : 0; }
}

/** At most this many measure points per network are kept: past it, every other one is dropped (as history does). */
export const MAX_MEASURES = 500;

/** Everything the page holds of a run, for the charts and the export: per network, by name. */
export class RunRecord {
  /** @param maxBuckets per network; fewer make smoother lines (each point a mean over more iterations) */
  constructor(maxBuckets = MAX_BUCKETS) { this.max = maxBuckets; this.reset(null); }

  /** A new run: its networks are those of ready's config (left out: the twin), in their order. */
  reset(ready) {
    this.ready = ready;
    this.keys = [];
    this.nets = {};
    this.validation = {};
    this.diverged = {};
    this.measure = {};
    this.measureKeep = {};
    for (const key of (ready && ready.config && ready.config.nets) || TWIN) this.net(key);
    this.watch = ready ? ready.watch : null;
  }

  /** A network's place in the record, made when first named (a frame may name one ready did not). */
  net(key) {
    if (!this.nets[key]) {
      this.keys.push(key);
      this.nets[key] = new Buckets(this.max);
      this.validation[key] = [];
      this.diverged[key] = null;
      this.measure[key] = [];
      this.measureKeep[key] = { seen: 0, every: 1 };
    }
    return this.nets[key];
  }

  /**
   * Keeps a network's measure points. Past MAX_MEASURES every other one is dropped and from then on only every
   * other new one is kept (and so on, doubling), so old and new stretches of the run stay equally dense.
   */
  addMeasure(key, points) {
    if (!points || !points.length) return;
    const m = this.measureKeep[key];
    for (const p of points) if (m.seen++ % m.every === 0) this.measure[key].push(p);
    if (this.measure[key].length > MAX_MEASURES) {
      this.measure[key] = this.measure[key].filter((p, i) => i % 2 === 0);
      m.every *= 2;
    }
  }

  /**
   * The run so far, for a page that joins it late (history, after ready): each network's merged series,
   * validations and measures. The buckets are as wide as the server merged them; new frames' buckets grow to that width.
   */
  addHistory(h) {
    if (h.watch) this.watch = h.watch;
    for (const [key, net] of Object.entries(h.nets || {})) {
      const buckets = this.net(key);
      buckets.add(net.series);
      const n = buckets.list.length;
      if (n >= this.max / 2) buckets.width = 2 ** Math.max(0, Math.floor(Math.log2(buckets.lastStep() / n)));
      this.validation[key].push(...(net.validations || []));
      if (net.diverged) this.diverged[key] = net.diverged;
      this.addMeasure(key, net.measure);
    }
  }

  /** Keeps a frame; returns true when the watched neuron changed (the distribution starts over). */
  add(frame) {
    let watchChanged = false;
    if (this.watch && frame.watch && (frame.watch.layer !== this.watch.layer || frame.watch.neuron !== this.watch.neuron)) {
      for (const key of this.keys) for (const b of this.nets[key].list) { delete b.p; delete b.pMin; delete b.pMax; }
      watchChanged = true;
    }
    this.watch = frame.watch;
    for (const [key, net] of Object.entries(frame.nets || {})) {
      this.net(key).add(net.series);
      if (net.validation) this.validation[key].push(net.validation);
      if (net.diverged) this.diverged[key] = net.diverged;
      this.addMeasure(key, net.measure);
    }
    return watchChanged;
  }

  /** The number of buckets per network, "12,12,12" (the page's data-buckets, for tests). */
  bucketCounts() { return this.keys.map((k) => this.nets[k].list.length).join(','); }
}
