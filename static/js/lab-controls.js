// The lab's set-up controls: fill them from the state, read what the student typed, show a refusal
// at the control it concerns (the server names the field), and show only the controls that apply.
import { t } from './i18n.js';
import { PROPS, canonical, display } from './lab-state.js';

const GENERATED = ['lecture', 'circle', 'xor', 'gauss', 'spiral'];
/** Server field names that a control of another name answers for. */
const FIELD_ALIASES = { stepsPerSecond: 'speed', value: 'learningRate', layer: 'watchLayer', neuron: 'watchNeuron', count: 'speed' };

export function control(name) { return document.getElementById(`c-${name}`); }

/** The checkboxes of a list of names (the networks compared), in the order of the choices. */
function boxes(name) { return [...document.querySelectorAll(`#c-${name} input[type="checkbox"]`)]; }

/** The lecture's twin is what a run compares when nets is left out: ticking exactly it leaves it out. */
const TWIN = 'plain,bn';

/** Puts the state's values into the controls. */
export function fill(state) {
  for (const p of PROPS) {
    const c = control(p.name);
    if (!c || c.type === 'file') continue;
    if (p.kind === 'names') {
      const names = (state[p.name] || TWIN).split(',');
      for (const box of boxes(p.name)) box.checked = names.includes(box.value);
      continue;
    }
    if (c.tagName === 'SELECT' && state[p.name] && ![...c.options].some((o) => o.value === state[p.name])) {
      c.add(new Option(t('lab.speed.n', state[p.name]), state[p.name])); // a speed from a link, e.g. 50
    }
    c.value = display(p.name, state[p.name]);
  }
  applicability(state);
}

/** The canonical text of a control (the ticked names in their order: empty for the twin, null for fewer than two). */
export function read(name) {
  const c = control(name);
  if (c.tagName === 'FIELDSET') {
    const names = boxes(name).filter((b) => b.checked).map((b) => b.value);
    if (names.length < 2) return null;
    return names.join(',') === TWIN ? '' : names.join(',');
  }
  return canonical(name, c.value);
}

/** Disables what does not apply, so a student sees why a value has no effect. */
export function applicability(state) {
  const generated = GENERATED.includes(state.dataset);
  for (const n of ['points', 'noise']) control(n).disabled = !generated;
  control('initStd').disabled = state.init !== 'gaussian';
  for (const n of ['decayEvery', 'decayFactor']) control(n).disabled = state.schedule === 'constant';
  document.querySelector('.csv-field').hidden = state.dataset !== 'csv';
}

/**
 * Pairs of controls side by side (".two") stand one under the other when a label's longest word does not fit its
 * half of the set-up's column ("L2-Regularisierung", "Abnahmefaktor" in German on a projector): they never overlap.
 */
export function fitPairs() {
  for (const pair of document.querySelectorAll('#setup .two')) {
    pair.classList.remove('stacked');
    if (pair.getClientRects().length === 0) continue;
    const labels = [...pair.querySelectorAll('label')];
    pair.classList.toggle('stacked', labels.some((l) => l.scrollWidth > l.clientWidth + 1));
  }
}
if (typeof ResizeObserver !== 'undefined' && document.getElementById('setup')) {
  let pending = false;
  new ResizeObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fitPairs(); });
  }).observe(document.getElementById('setup'));
}

/** Shows a message at a field's control (aria-invalid, the text below it); false if no control has that name. */
export function showError(field, message) {
  const name = FIELD_ALIASES[field] && !control(field) ? FIELD_ALIASES[field] : field;
  const line = document.getElementById(`e-${name}`);
  if (!line) return false;
  line.textContent = message;
  const c = control(name);
  if (c) c.setAttribute('aria-invalid', 'true');
  return true;
}

export function clearError(name) {
  const line = document.getElementById(`e-${name}`);
  if (line) line.textContent = '';
  control(name)?.removeAttribute('aria-invalid');
}

export function clearErrors() {
  for (const p of PROPS) clearError(p.name);
}

/** The local message for text that is no value of its kind (before asking the server). */
export function problemText(field, problem) { return t(`lab.problem.${problem}`, field); }

/** Calls onChange(name, canonicalText) when a control is changed (on change, i.e. Enter or leaving it). */
export function onChange(handler) {
  for (const p of PROPS) {
    const c = control(p.name);
    if (!c || c.type === 'file') continue;
    c.addEventListener('change', () => { // a fieldset hears its checkboxes' changes
      const typed = read(p.name);
      if (typed === null) showError(p.name, problemText(p.name, 'names')); // the run goes on as it was
      else handler(p.name, typed);
    });
  }
}
