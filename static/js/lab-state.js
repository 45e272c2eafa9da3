// The lab's whole set-up as ONE declared list of properties with one serializer (as TensorFlow
// Playground keeps its state): the URL holds every property, seed included, so a copied link builds
// the same run. Values are kept as canonical text (decimal point); the controls show them.
import { lang } from './i18n.js';

const serverDefaults = JSON.parse(document.getElementById('lab-defaults')?.textContent || '{}');
// The run's properties come from the server (bnlab.experiments.RunFields: one per component of the run's
// record, in its order), so this list cannot lack one: [{ name, kind, optional, choices, pattern }]. pattern is the
// server's rule for a value's text (the URL's parser), so the page refuses exactly what the server would.
const serverFields = JSON.parse(document.getElementById('lab-fields')?.textContent || '[]');

/** The message that changes a property of a running run without a reset. */
const LIVE = { learningRate: 'setLearningRate' };

/**
 * kind: how the text becomes JSON (int, number, ints = "8,8", choice/text = text, rates = "500:0.1,...",
 * names = "plain,bn,ln", speed = number or "max"). config: sent in start's config under the same name (the run's properties);
 * the others are the lab's view of the run. live: the message that changes it without a reset.
 */
export const PROPS = [
  ...serverFields.map((f) => ({
    name: f.name, kind: f.kind, optional: f.optional, choices: f.choices, config: true, live: LIVE[f.name],
    pattern: f.pattern && new RegExp(`^(?:${f.pattern})$`),
  })),
  { name: 'speed', kind: 'speed', live: 'setSpeed', fallback: '100' },
  // The watched neuron, counted from 1 as on the page; no layer = the server's default (the last hidden one).
  { name: 'watchLayer', kind: 'int', live: 'watch', fallback: '', pattern: /^[-+]?\d+$/ },
  { name: 'watchNeuron', kind: 'int', live: 'watch', fallback: '1', pattern: /^[-+]?\d+$/ },
  // The iteration at which the run pauses by itself (a preset's length); empty: it goes on.
  { name: 'stopAt', kind: 'int', fallback: '', pattern: /^[-+]?\d+$/ },
];
const BY_NAME = new Map(PROPS.map((p) => [p.name, p]));

export function prop(name) { return BY_NAME.get(name); }

function text(v) {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map((x) => (typeof x === 'object' ? `${x.after}:${x.rate}` : x)).join(',');
  return String(v);
}

/** Every property at its default: the server's defaults for the config, the lab's own for the rest. */
export function defaults() {
  const s = {};
  for (const p of PROPS) s[p.name] = p.config ? text(serverDefaults[p.name]) : p.fallback;
  return s;
}

/** The state a URL query describes; what it leaves out takes the default. */
export function fromQuery(search) {
  const q = new URLSearchParams(search);
  const s = defaults();
  for (const p of PROPS) if (q.has(p.name)) s[p.name] = q.get(p.name).trim();
  return s;
}

/**
 * The state of a run the server describes (ready's config, e.g. the class's run a student joins): its
 * properties from the config, the page's view of it (speed, watched neuron, stop) from `view`.
 */
export function fromConfig(config, view = defaults()) {
  const s = {};
  for (const p of PROPS) s[p.name] = p.config ? text(config ? config[p.name] : undefined) : (view[p.name] ?? p.fallback);
  return s;
}

/** The URL query of a state: every property in the declared order (empty ones left out). */
export function toQuery(state) {
  const q = new URLSearchParams();
  for (const p of PROPS) if (state[p.name] !== '' && state[p.name] !== undefined) q.set(p.name, state[p.name]);
  if (state.dataset !== 'csv') q.delete('upload');
  return q.toString();
}

/** Text typed into a control, made canonical: decimal comma to point (not in the layer list). */
export function canonical(name, typed) {
  const s = String(typed).trim().replace(/\u2212/g, '-');
  const p = BY_NAME.get(name);
  if (!p || p.kind === 'ints' || p.kind === 'names') return s.replace(/\s+/g, '');
  if (p.kind === 'number' || p.kind === 'int') return s.replace(',', '.');
  return s;
}

/** Canonical text as a control shows it: decimal comma in German. */
export function display(name, value) {
  const p = BY_NAME.get(name);
  return lang === 'de' && p && p.kind === 'number' ? String(value).replace('.', ',') : String(value);
}

/**
 * The JSON value of one property, or an object { problem } when the text is no such value. The text must match the
 * property's pattern, the server's rule; the server checks the ranges and names the field when it refuses one.
 */
export function value(name, textValue) {
  const p = BY_NAME.get(name);
  const s = textValue;
  if (p.pattern && !p.pattern.test(s)) return { problem: p.kind === 'speed' ? 'number' : p.kind };
  switch (p.kind) {
    case 'int': case 'number': return Number(s);
    case 'ints': return s.split(',').map(Number);
    case 'speed': return s === 'max' || /^\d+(\.\d+)?$/.test(s) ? s : { problem: 'number' };
    case 'names': { // the networks compared: 2 to 5 of the choices (the server names a wrong one)
      const names = s.split(',').filter((n) => n !== '');
      return names.length >= 2 ? names : { problem: 'names' };
    }
    case 'rates': return s.split(',').map((c) => c.split(':')).map(([after, rate]) => ({ after: Number(after), rate: Number(rate) }));
    default: return s;
  }
}

/** The canonical text of the server's rate changes: "5:0.75,30:0.1" (empty for none). */
export function ratesText(changes) {
  return (changes || []).map((c) => `${c.after}:${c.rate}`).join(',');
}

/** The start message's config and the problems found before asking the server: [{ field, problem }]. */
export function toConfig(state) {
  const config = {};
  const problems = [];
  for (const p of PROPS) {
    if (!p.config || state[p.name] === '') continue;
    if (p.name === 'upload' && state.dataset !== 'csv') continue;
    const v = value(p.name, state[p.name]);
    if (v && typeof v === 'object' && !Array.isArray(v)) problems.push({ field: p.name, problem: v.problem });
    else config[p.name] = v;
  }
  return { config, problems };
}
