// Puts numbers into the matrix cells, shows how the statistics and parameters changed, and
// outlines the cells a calculation depends on. The tables themselves come from the server.
import { t } from './i18n.js';
import { num, change } from './format.js';
import { DIGITS } from './explain.js';

/** The values whose change per step is shown under the number. */
const TRACKED = ['mu', 'sigma', 'gamma', 'beta'];

export function cellAt(name, i, j) {
  return document.querySelector(`td.cell[data-name="${name}"][data-i="${i}"][data-j="${j}"]`);
}

function valueOf(state, name, i, j) {
  const a = state[name];
  return i >= 0 ? a[i]?.[j] : a[j];
}

/**
 * Gives the matrix of `name` (one row per data point: z, zTilde, zHat) m rows: extra rows are
 * removed, missing ones copied from the last row, renumbered and left empty for render() to fill.
 */
export function setRows(name, m) {
  const body = document.querySelector(`#m-${name} tbody`);
  while (body.rows.length > m) body.lastElementChild.remove();
  while (body.rows.length < m) {
    const i = body.rows.length;
    const row = body.rows[i - 1].cloneNode(true);
    const head = row.cells[0];
    head.textContent = String(i + 1);
    head.title = t('matrix.point', i + 1);
    head.setAttribute('aria-label', t('matrix.point', i + 1));
    for (const cell of row.querySelectorAll('td.cell')) {
      cell.dataset.i = String(i);
      cell.classList.remove('selected', 'dep');
      cell.removeAttribute('title');
      cell.querySelector('input')?.remove();
      cell.querySelector('.v').textContent = '';
      cell.querySelector('.delta').textContent = '';
    }
    body.append(row);
  }
}

/** The number of data-point rows the matrix of `name` shows. */
export function rowCount(name) {
  return document.querySelector(`#m-${name} tbody`).rows.length;
}

/**
 * Writes state's numbers into every cell of the given names; cells holding an input (edit
 * mode) are left alone. With prev, the tracked rows show their change since prev.
 */
export function render(state, names, prev) {
  for (const cell of document.querySelectorAll('td.cell')) {
    const name = cell.dataset.name;
    if (!names.includes(name) || !state[name]) continue;
    const i = Number(cell.dataset.i), j = Number(cell.dataset.j);
    const v = valueOf(state, name, i, j);
    const span = cell.querySelector('.v');
    if (v === undefined) { if (span) span.textContent = ''; continue; } // a row the answer has not filled yet
    if (span) span.textContent = num(v, DIGITS[name]);
    const delta = cell.querySelector('.delta');
    if (delta && TRACKED.includes(name)) {
      if (prev && prev[name] && valueOf(prev, name, i, j) !== undefined) {
        const text = change(v - valueOf(prev, name, i, j), DIGITS[name]);
        delta.textContent = text;
        cell.title = t('delta', text);
      } else {
        delta.textContent = '';
        cell.removeAttribute('title');
      }
    }
  }
}

/** Marks the chosen cell and outlines the cells it depends on (dashed, bold: not colour alone). */
export function highlight(cell, deps) {
  clearHighlight();
  cell.classList.add('selected');
  for (const [name, i, j] of deps) cellAt(name, i, j)?.classList.add('dep');
}

export function clearHighlight() {
  document.querySelectorAll('td.cell.selected, td.cell.dep').forEach((c) => c.classList.remove('selected', 'dep'));
}

/** Typesets every [data-tex] element below root with KaTeX; keeps the TeX source if KaTeX is absent. */
export function typeset(root) {
  if (!window.katex) return;
  root.querySelectorAll('.tex[data-tex]').forEach((el) => {
    window.katex.render(el.dataset.tex, el, { displayMode: el.dataset.display === 'true', fleqn: true, throwOnError: false });
  });
}
