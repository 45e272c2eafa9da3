// Edit mode: the student types numbers into z, gamma and beta and chooses the batch size m; the
// server recomputes the rest (POST /api/batchnorm). Values are checked here first, so a refusal is
// explained below the table of its cell, in the page's language, with rows and columns counted from
// 1 as the tables show them. A refused input keeps everything typed and the last good numbers.
import { t } from './i18n.js';
import { parseNumber, inputValue } from './format.js';
import { batchNorm } from './api.js';
import { setRows, rowCount } from './matrices.js';

const EDITABLE = ['z', 'gamma', 'beta'];
/** The matrices with one row per data point, which follow the batch size. */
export const PER_POINT = ['z', 'zTilde', 'zHat'];
export const MIN_ROWS = 2, MAX_ROWS = 16;
/** Largest magnitude accepted in a cell: keeps every result short enough for a cell. */
export const LIMIT = 1000;
export const MAX_EPSILON = 1;

/**
 * current(): the numbers shown now; apply(state): show recomputed numbers.
 * Returns { active(), enter(), leave(), recompute(), setBatchSize(m), problemAt(cell) }.
 */
export function createEditor({ current, apply }) {
  const panel = document.getElementById('edit-panel');
  const error = document.getElementById('edit-error');
  const epsilon = document.getElementById('edit-epsilon');
  const rows = document.getElementById('edit-rows');
  let active = false;
  let latest = 0; // answers to older requests are ignored: typing fast must not show stale numbers
  let problems = new Map(); // input -> message

  const cells = () => [...document.querySelectorAll('td.cell')].filter((c) => EDITABLE.includes(c.dataset.name));

  /** "z, row 2, column 3" / "γ, column 3": where a value is, counted from 1 as the tables show it. */
  function where(cell) {
    const name = t(`name.${cell.dataset.name}`), i = Number(cell.dataset.i), j = Number(cell.dataset.j);
    return i >= 0 ? t('edit.cell', name, i + 1, j + 1) : t('edit.vector', name, j + 1);
  }

  /** Puts an input into every editable cell that has none, holding the state's value (0 in a new row). */
  function addInputs(s) {
    for (const cell of cells()) {
      if (cell.querySelector('input')) continue;
      const name = cell.dataset.name, i = Number(cell.dataset.i), j = Number(cell.dataset.j);
      const v = i >= 0 ? s[name][i]?.[j] ?? 0 : s[name][j];
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.autocomplete = 'off';
      input.value = inputValue(v);
      input.setAttribute('aria-label', i >= 0 ? t('input.label', t(`name.${name}`), i + 1, j + 1)
        : t('input.vector', t(`name.${name}`), j + 1));
      input.setAttribute('aria-describedby', cell.closest('figure').querySelector('.cell-error').id);
      input.addEventListener('change', recompute);
      cell.querySelector('.v').hidden = true;
      cell.tabIndex = -1;
      cell.append(input);
    }
  }

  function enter() {
    const s = current();
    rows.value = String(s.z.length);
    addInputs(s);
    epsilon.value = inputValue(s.epsilon, 12);
    epsilon.onchange = recompute;
    rows.onchange = () => setBatchSize(rows.value);
    panel.hidden = false;
    active = true;
    return recompute();
  }

  /** Leaves edit mode; the caller restores the network's numbers (and its rows, see setRows). */
  function leave() {
    for (const cell of cells()) {
      cell.querySelector('input')?.remove();
      cell.querySelector('.v').hidden = false;
      cell.tabIndex = 0;
    }
    panel.hidden = true;
    showProblems(new Map(), '');
    active = false;
  }

  /** Changes the number of data points; refuses (and explains) anything outside 2..16. */
  function setBatchSize(text) {
    const m = Number(String(text).trim());
    if (!Number.isInteger(m) || m < MIN_ROWS || m > MAX_ROWS) {
      rows.setAttribute('aria-invalid', 'true');
      error.textContent = t('edit.rows.range', MIN_ROWS, MAX_ROWS, String(text).trim());
      return Promise.resolve();
    }
    rows.setAttribute('aria-invalid', 'false');
    rows.value = String(m);
    PER_POINT.forEach((name) => setRows(name, m));
    addInputs(current());
    return recompute();
  }

  /** The message for one input, or null if its value can be used. */
  function check(input, cell) {
    const raw = input.value.trim();
    if (raw === '') return t('edit.empty', where(cell));
    const v = parseNumber(raw);
    if (v === null) return t('edit.notANumber', where(cell), raw);
    if (Math.abs(v) > LIMIT) return t('edit.outOfRange', where(cell), raw, LIMIT);
    return null;
  }

  /** Marks the refused inputs and writes each matrix's messages below it; `panelText` goes to the panel. */
  function showProblems(found, panelText) {
    problems = found;
    const byFigure = new Map();
    for (const cell of cells()) {
      const input = cell.querySelector('input');
      if (!input) continue;
      const message = found.get(input);
      input.setAttribute('aria-invalid', message ? 'true' : 'false');
      const line = cell.closest('figure').querySelector('.cell-error');
      if (!byFigure.has(line)) byFigure.set(line, []);
      if (message) byFigure.get(line).push(message);
    }
    document.querySelectorAll('.cell-error').forEach((line) => {
      const list = byFigure.get(line) || [];
      line.textContent = list.length <= 3 ? list.join(' ') : `${list.slice(0, 3).join(' ')} ${t('edit.more', list.length - 3)}`;
    });
    error.textContent = panelText;
  }

  async function recompute() {
    const s = current();
    const m = rowCount('z'), n = s.gamma.length;
    const z = Array.from({ length: m }, () => new Array(n).fill(0));
    const gamma = new Array(n).fill(1), beta = new Array(n).fill(0);
    const found = new Map();
    for (const cell of cells()) {
      const input = cell.querySelector('input');
      const message = check(input, cell);
      if (message) { found.set(input, message); continue; }
      const name = cell.dataset.name, i = Number(cell.dataset.i), j = Number(cell.dataset.j);
      const v = parseNumber(input.value);
      if (name === 'z') z[i][j] = v; else (name === 'gamma' ? gamma : beta)[j] = v;
    }
    const eps = parseNumber(epsilon.value);
    let panelText = '';
    if (eps === null || eps < 0 || eps > MAX_EPSILON) {
      panelText = t('edit.epsilon.range', MAX_EPSILON, epsilon.value.trim());
      epsilon.setAttribute('aria-invalid', 'true');
    } else {
      epsilon.setAttribute('aria-invalid', 'false');
    }
    if (eps === 0 && found.size === 0) {
      for (let j = 0; j < n; j++) {
        if (z.every((r) => r[j] === z[0][j])) {
          const input = cells().find((c) => c.dataset.name === 'z' && c.dataset.j === String(j)).querySelector('input');
          found.set(input, t('edit.constantColumn', j + 1));
        }
      }
    }
    showProblems(found, panelText);
    if (found.size > 0 || panelText) { latest++; return; } // keep the last good numbers
    const ticket = ++latest;
    try {
      const r = await batchNorm({ z, gamma, beta, epsilon: eps });
      if (ticket !== latest || !active) return;
      apply({ ...s, z, gamma, beta, epsilon: eps, mu: r.mu, sigma: r.sigma, zTilde: r.zTilde, zHat: r.zHat, edited: true });
    } catch (e) {
      if (ticket === latest && active) error.textContent = t('edit.refused', e.message);
    }
  }

  /** The refusal of the value in this cell, or null. */
  function problemAt(cell) {
    const input = cell.querySelector('input');
    return (input && problems.get(input)) || null;
  }

  return { active: () => active, enter, leave, recompute, setBatchSize, problemAt };
}
