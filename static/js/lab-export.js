// Export of what the page holds of a run, built in the browser: CSV and JSON of the series
// (the buckets as received, merged when long), a chart as PNG. Nothing is asked of the server.
import { png } from './charts.js';

const P_NAMES = ['p0', 'p6.68', 'p15', 'p15.87', 'p30.85', 'p50', 'p69.15', 'p84.13', 'p85', 'p93.32', 'p100'];
export const CSV_HEADER = ['kind', 'model', 'first_step', 'last_step', 'loss', 'accuracy', ...P_NAMES].join(',');

function cell(v) { return v === null || v === undefined || Number.isNaN(v) ? '' : String(v); }

/**
 * One row per bucket and network ("train"), then one per validation ("validation"), the networks in the run's
 * order and named as in its config (model: plain, bn, ln, ...); numbers with a point. The measure's points are
 * in the JSON export.
 */
export function toCsv(record) {
  const rows = [CSV_HEADER];
  for (const model of record.keys) {
    for (const b of record.nets[model].list) {
      rows.push(['train', model, b.first, b.last, cell(b.loss), cell(b.accuracy), ...(b.p || P_NAMES.map(() => null)).map(cell)].join(','));
    }
  }
  for (const model of record.keys) {
    for (const v of record.validation[model]) {
      rows.push(['validation', model, v.step, v.step, cell(v.loss), cell(v.accuracy), ...P_NAMES.map(() => '')].join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}

/** The set-up, the data, the watched neuron, every bucket and validation, divergences and measure points, by network. */
export function toJson(record, url) {
  return JSON.stringify({
    url, config: record.ready?.config, data: record.ready?.data, layers: record.ready?.layers,
    percentiles: record.ready?.percentiles, watch: record.watch,
    nets: record.keys,
    train: Object.fromEntries(record.keys.map((k) => [k, record.nets[k].list])),
    validation: record.validation, diverged: record.diverged,
    measure: record.ready?.config?.measure ? record.measure : undefined,
    measureColumns: record.ready?.config?.measure ? record.ready.measureColumns : undefined,
  }, null, 1);
}

/** Offers text or a data URL as a file to download. */
export function download(filename, content, type) {
  const href = content.startsWith?.('data:') ? content : URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  if (!href.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(href), 10000);
}

export function downloadPng(filename, chartOrCanvas) { download(filename, png(chartOrCanvas), 'image/png'); }
