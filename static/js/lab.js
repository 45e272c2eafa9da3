// The lab page: the set-up from the URL into the controls, a run of its own on the server over
// /ws/lab, its frames into the charts (lab-run.js). Changing a set-up control starts the run anew (like
// TensorFlow Playground); learning rate, speed and the watched neuron change the running run without a reset.
// A preset starts in the page (the keyboard keeps its place); its link still opens it in a new tab.
import { t } from './i18n.js';
import { fromQuery, toQuery } from './lab-state.js';
import * as controls from './lab-controls.js';
import { markPreset, onPresetChosen } from './lab-presets.js';
import { createRun } from './lab-run.js';

const state = fromQuery(location.search);

/** The URL always holds the set-up, and the preset's key while the set-up is that preset's; the language links too. */
function saveUrl() {
  const key = markPreset(state, run.preset);
  const q = toQuery(state) + (key ? `&preset=${encodeURIComponent(key)}` : '');
  history.replaceState(null, '', `${location.pathname}?${q}`);
  document.querySelectorAll('a.lang-link').forEach((a) => { a.search = `?lang=${a.dataset.lang}&${q}`; });
}

const run = createRun({
  state,
  save: saveUrl,
  hello: () => run.start(true), // a new connection has no run: start the set-up (again, after a lost connection)
  link: () => location.href,
  backText: t('lab.connection.back'),
});
run.preset = new URLSearchParams(location.search).get('preset');

onPresetChosen((key, next) => {
  run.state.rateChanges = ''; // a preset is a new run
  controls.clearErrors();
  run.choosePreset(key, next);
});
controls.fill(state);
saveUrl();
run.connect();
run.ready();
