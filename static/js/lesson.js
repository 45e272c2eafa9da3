// The lesson page: typesets the formulas, explains any cell on pointing, focus or tap,
// steps the network through training iterations, and switches to edit mode.
import { lang, t } from './i18n.js';
import { num } from './format.js';
import { explain } from './explain.js';
import { render, highlight, clearHighlight, typeset } from './matrices.js';
import { fetchBatch } from './api.js';
import { createEditor } from './edit.js';
import { startLiveChart } from './lesson-live.js';

const SECTION4 = ['x', 'z', 'mu', 'sigma', 'gamma', 'beta', 'zTilde', 'zHat'];
const SECTION5 = ['dz', 'dgamma', 'dbeta'];

let net = JSON.parse(document.getElementById('batch-data').textContent); // the network's batch
let shown = { ...net, edited: false };                                     // what section 4 shows
const seed = net.seed;
const tooltip = document.getElementById('explain');
document.body.append(tooltip); // positioned against the page, for cells of every section
const statusLine = document.getElementById('status');
const buttons = ['btn-step', 'btn-step10', 'btn-reset'].map((id) => document.getElementById(id));
const editButton = document.getElementById('btn-edit');

const editor = createEditor({
  current: () => shown,
  apply: (state) => { shown = state; render(shown, SECTION4.filter((n) => !['z', 'gamma', 'beta'].includes(n))); },
});

function showStatus() {
  statusLine.textContent = editor.active() ? t('edit.status')
    : t('status', net.iteration, seed, num(net.loss, 4));
  document.getElementById('grad-caption').textContent = t('grad.caption', net.iteration);
}

function explainCell(cell) {
  const i = Number(cell.dataset.i), j = Number(cell.dataset.j);
  const e = explain(shown, net, cell.dataset.name, i, j);
  if (!e) return;
  tooltip.replaceChildren();
  const title = document.createElement('p');
  title.className = 'title';
  title.textContent = e.title;
  const formula = document.createElement('div');
  formula.className = 'tex';
  formula.dataset.tex = e.tex;
  formula.dataset.display = 'true';
  formula.textContent = e.tex;
  tooltip.append(title, formula);
  if (e.note) {
    const note = document.createElement('p');
    note.className = 'note';
    note.textContent = e.note;
    tooltip.append(note);
  }
  typeset(tooltip);
  tooltip.hidden = false;
  place(cell);
  highlight(cell, e.deps);
}

/** Below the cell, or above it when there is no room; never beyond the window's sides. */
function place(cell) {
  const r = cell.getBoundingClientRect();
  const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
  const left = Math.max(8, Math.min(r.left, document.documentElement.clientWidth - w - 8));
  const below = r.bottom + 8 + h < window.innerHeight || r.top < h + 8;
  tooltip.style.left = `${left + window.scrollX}px`;
  tooltip.style.top = `${(below ? r.bottom + 8 : r.top - h - 8) + window.scrollY}px`;
}

function hideExplanation() {
  tooltip.hidden = true;
  clearHighlight();
}

async function goTo(iteration) {
  buttons.forEach((b) => { b.disabled = true; });
  statusLine.textContent = t('loading');
  try {
    const next = await fetchBatch(seed, iteration);
    const prev = iteration === net.iteration + 1 || iteration === net.iteration + 10 ? net : null;
    net = next;
    if (!editor.active()) {
      shown = { ...net, edited: false };
      render(shown, SECTION4, prev);
    }
    render(net, SECTION5);
    history.replaceState(null, '', `?seed=${seed}&iteration=${net.iteration}`);
    document.querySelectorAll('a.lang-link').forEach((a) => {
      a.search = `?lang=${a.dataset.lang}&seed=${seed}&iteration=${net.iteration}`;
    });
    showStatus();
  } catch (e) {
    statusLine.textContent = e.message;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

/** Arrow keys move between the cells of one table. */
function move(cell, key) {
  const steps = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] }[key];
  if (!steps) return false;
  const rows = [...cell.closest('tbody').rows];
  const r = rows.indexOf(cell.parentElement) + steps[0];
  const c = cell.cellIndex + steps[1];
  const target = rows[r]?.cells[c];
  if (target && target.classList.contains('cell')) (target.querySelector('input') || target).focus();
  return true;
}

document.addEventListener('mouseover', (ev) => {
  const cell = ev.target.closest?.('td.cell');
  if (cell) explainCell(cell);
});
document.addEventListener('focusin', (ev) => {
  const cell = ev.target.closest?.('td.cell');
  if (cell) explainCell(cell); else hideExplanation();
});
document.addEventListener('click', (ev) => {
  const cell = ev.target.closest?.('td.cell');
  if (cell) explainCell(cell); else if (!tooltip.contains(ev.target)) hideExplanation();
});
document.addEventListener('keydown', (ev) => {
  if (ev.key === 'Escape') { hideExplanation(); return; }
  const cell = ev.target.closest?.('td.cell');
  if (cell && ev.target === cell && move(cell, ev.key)) ev.preventDefault();
});
document.querySelectorAll('.matrix-scroll').forEach((box) => box.addEventListener('mouseleave', () => {
  if (!document.activeElement?.closest?.('td.cell')) hideExplanation();
}));

document.getElementById('btn-step').addEventListener('click', () => goTo(net.iteration + 1));
document.getElementById('btn-step10').addEventListener('click', () => goTo(net.iteration + 10));
document.getElementById('btn-reset').addEventListener('click', () => goTo(0));
document.getElementById('btn-recompute').addEventListener('click', () => editor.recompute());
editButton.addEventListener('click', async () => {
  hideExplanation();
  if (editor.active()) {
    editor.leave();
    shown = { ...net, edited: false };
    render(shown, SECTION4);
    editButton.setAttribute('aria-pressed', 'false');
    editButton.textContent = t('edit.enter');
  } else {
    editButton.setAttribute('aria-pressed', 'true');
    editButton.textContent = t('edit.leave');
    await editor.enter();
  }
  showStatus();
});

typeset(document);
startLiveChart(document.getElementById('live'));
render(shown, SECTION4);
render(net, SECTION5);
document.documentElement.dataset.ready = lang; // lets tests wait until the page is live
