// The row of set-ups above the lab: the one the current set-up matches is marked (aria-current) and its
// "what to look for" text is shown below the row; any other set-up is the student's own.
import { PROPS, fromQuery } from './lab-state.js';

const links = [...document.querySelectorAll('.presets a[data-preset]')];
const note = document.getElementById('preset-note');
const notes = document.getElementById('preset-notes');
const ownText = note ? note.textContent : '';

/** Same run: every property that goes into the run's config agrees (speed and the watched neuron may differ). */
function sameRun(a, b) {
  return PROPS.every((p) => !p.config || a[p.name] === b[p.name]);
}

/** Marks the preset that state is, if any, and shows its text. */
export function markPreset(state) {
  let active = null;
  for (const a of links) {
    const on = active === null && sameRun(fromQuery(a.search), state);
    a.setAttribute('aria-current', on ? 'true' : 'false');
    if (on) {
      active = a.dataset.preset;
      // In a row that scrolls sideways (a tablet), bring the marked one into view, without moving the page.
      const row = a.closest('ul');
      if (row && row.scrollWidth > row.clientWidth) row.scrollLeft = Math.max(0, a.offsetLeft - row.offsetLeft - 24);
    }
  }
  if (!note) return;
  note.textContent = active ? notes.content.querySelector(`[data-preset="${active}"]`).textContent : ownText;
  note.dataset.preset = active || '';
}
