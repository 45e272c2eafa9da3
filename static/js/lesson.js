// The lesson page: typesets the formulas, explains any cell on pointing, focus or tap,
// steps the network through training iterations, and switches to edit mode.
import { lang, t } from './i18n.js';
import { num, count } from './format.js';
import { explain } from './explain.js';
import { render, highlight, clearHighlight, typeset, setRows } from './matrices.js';
import { fetchBatch } from './api.js';
import { createEditor, PER_POINT } from './edit.js';
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
// Own numbers for z are not computed from x, and their batch may have other rows: x steps aside.
const inputsStep = document.getElementById('m-x').closest('.step');

let explained = null; // the cell whose explanation is open
const editor = createEditor({
  current: () => shown,
  apply: (state) => {
    shown = state;
    render(shown, SECTION4.filter((n) => !['z', 'gamma', 'beta'].includes(n)));
    const open = explained && !tooltip.hidden && explained.isConnected ? explained : editedCell();
    if (open) explainCell(open); // the new numbers in the formula
  },
});

function showStatus() {
  statusLine.textContent = editor.active() ? t('edit.status')
    : t('status', count(net.iteration), seed, num(net.loss, 4));
  document.getElementById('grad-caption').textContent = t('grad.caption', count(net.iteration));
}

function explainCell(cell) {
  const i = Number(cell.dataset.i), j = Number(cell.dataset.j);
  const e = explain(shown, net, cell.dataset.name, i, j);
  if (!e) return;
  explained = cell;
  tooltip.replaceChildren();
  const problem = editor.active() ? editor.problemAt(cell) : null;
  if (problem) {
    const refused = document.createElement('p');
    refused.className = 'error';
    refused.textContent = problem;
    tooltip.append(refused);
  }
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

const GAP = 8;

/** Shrinks the formulas of a pop-up wider than the window allows (a long sum on a tablet) until
    they fit, down to 60 %: a pop-up never needs a scroll bar sideways. */
function fit() {
  const formulas = [...tooltip.querySelectorAll('.katex-display > .katex')];
  let scale = 1;
  formulas.forEach((k) => { k.style.fontSize = ''; });
  for (let round = 0; round < 4 && tooltip.scrollWidth > tooltip.clientWidth && scale > 0.6; round++) {
    scale = Math.max(0.6, scale * (tooltip.clientWidth / tooltip.scrollWidth) * 0.98);
    formulas.forEach((k) => { k.style.fontSize = `${scale.toFixed(3)}em`; });
  }
}

/**
 * Below the cell, or above it when only there is room; never over the cell itself and never beyond
 * the window: when neither side holds the whole pop-up, it takes the larger one and scrolls inside.
 * Where both sides have room, it takes the one that leaves a refusal under a table readable.
 */
function place(cell) {
  tooltip.style.maxHeight = '';
  tooltip.style.left = '0px';
  tooltip.style.top = '0px';
  fit();
  const r = cell.getBoundingClientRect();
  const width = document.documentElement.clientWidth, height = window.innerHeight;
  const w = tooltip.offsetWidth, h = tooltip.offsetHeight;
  const left = Math.max(GAP, Math.min(r.left, width - w - GAP));
  const below = height - r.bottom - 2 * GAP, above = r.top - 2 * GAP;
  const refusals = [...document.querySelectorAll('.cell-error')].filter((e) => e.textContent)
    .map((e) => e.getBoundingClientRect());
  const covers = (top) => refusals.some((e) => top < e.bottom && e.top < top + h && left < e.right && e.left < left + w);
  const fitting = [];
  if (h <= below) fitting.push(r.bottom + GAP);
  if (h <= above) fitting.push(r.top - GAP - h);
  let top = fitting.find((t) => !covers(t)) ?? fitting[0];
  if (top === undefined) {
    const room = Math.max(below, above, 0);
    tooltip.style.maxHeight = `${room}px`;
    top = below >= above ? r.bottom + GAP : r.top - GAP - room;
  }
  tooltip.style.left = `${left + window.scrollX}px`;
  tooltip.style.top = `${top + window.scrollY}px`;
}

function hideExplanation() {
  tooltip.hidden = true;
  explained = null;
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

/** The cell whose input has the focus (edit mode), or null. */
function editedCell() {
  const a = document.activeElement;
  return a?.tagName === 'INPUT' ? a.closest('td.cell') : null;
}

document.addEventListener('mouseover', (ev) => {
  const cell = ev.target.closest?.('td.cell');
  // While a number is being typed, the pop-up stays with that cell: another one's would cover it.
  if (cell && !editedCell()) explainCell(cell);
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
  if (!cell) return;
  const vertical = ev.key === 'ArrowUp' || ev.key === 'ArrowDown'; // in an input, left and right move the caret
  if ((ev.target === cell || (ev.target.tagName === 'INPUT' && vertical)) && move(cell, ev.key)) ev.preventDefault();
});
/** On scrolling or resizing, the pop-up follows its cell, or closes once the cell has left the window. */
let follow = 0;
function keepPlaced() {
  if (follow || !explained || tooltip.hidden) return;
  follow = requestAnimationFrame(() => {
    follow = 0;
    if (!explained || tooltip.hidden) return;
    const r = explained.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) hideExplanation(); else place(explained);
  });
}
window.addEventListener('resize', keepPlaced);
window.addEventListener('scroll', keepPlaced, { passive: true, capture: true }); // also the matrices' own sideways scroll
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
    inputsStep.hidden = false;
    PER_POINT.forEach((name) => setRows(name, net.z.length));
    shown = { ...net, edited: false };
    render(shown, SECTION4);
    editButton.setAttribute('aria-pressed', 'false');
    editButton.textContent = t('edit.enter');
  } else {
    editButton.setAttribute('aria-pressed', 'true');
    editButton.textContent = t('edit.leave');
    inputsStep.hidden = true;
    await editor.enter();
  }
  showStatus();
});

typeset(document);
startLiveChart(document.getElementById('live'));
render(shown, SECTION4);
render(net, SECTION5);
document.documentElement.dataset.ready = lang; // lets tests wait until the page is live
