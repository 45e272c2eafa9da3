// The row of set-ups above the lab (in a room: at the top of the set-up panel). One preset is marked at a time
// (aria-current) and its "what to look for" text is shown below the row; any other set-up is the student's own.
// Presets that share a set-up (the lecture's and batches of 8) are told apart by their key: a link carries it
// (preset=KEY in its query), a start sends it and ready gives it back, so every page of a run marks the same one.
import { PROPS, fromQuery } from './lab-state.js';

const links = [...document.querySelectorAll('.presets a[data-preset]')];
const note = document.getElementById('preset-note');
const notes = document.getElementById('preset-notes');
const ownText = note ? note.textContent : '';

/** Same run: every property that goes into the run's config agrees (speed and the watched neuron may differ). */
function sameRun(a, b) {
  return PROPS.every((p) => !p.config || a[p.name] === b[p.name]);
}

/** The link of a preset by its key, or undefined. */
function link(key) { return links.find((a) => a.dataset.preset === key); }

/**
 * The preset that state is: the one named by `key` while the state is still its set-up, else the first whose
 * set-up it is (an old link without a key), else null.
 */
export function presetFor(state, key = null) {
  const named = key ? link(key) : undefined;
  if (named && sameRun(fromQuery(named.search), state)) return key;
  const first = links.find((a) => sameRun(fromQuery(a.search), state));
  return first ? first.dataset.preset : null;
}

/** Marks the preset that state is (see presetFor), if any, and shows its text; returns its key or null. */
export function markPreset(state, key = null) {
  const active = presetFor(state, key);
  for (const a of links) {
    const on = a.dataset.preset === active;
    a.setAttribute('aria-current', on ? 'true' : 'false');
    if (on) {
      // In a row that scrolls sideways (a tablet), bring the marked one into view, without moving the page.
      const row = a.closest('ul');
      if (row && row.scrollWidth > row.clientWidth) row.scrollLeft = Math.max(0, a.offsetLeft - row.offsetLeft - 24);
    }
  }
  if (note) {
    note.textContent = active ? notes.content.querySelector(`[data-preset="${active}"]`).textContent : ownText;
    note.dataset.preset = active || '';
  }
  return active;
}

/**
 * Clicks on the presets call choose(key, state) instead of following the link (which would load the page again
 * and drop the keyboard's place): the page starts the preset in its run. A click with a modifier (a new tab)
 * follows the link.
 */
export function onPresetChosen(choose) {
  for (const a of links) {
    a.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
      e.preventDefault();
      choose(a.dataset.preset, fromQuery(a.search));
    });
  }
}
