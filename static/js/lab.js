// The lab page: the set-up from the URL into the controls, a twin run of its own on the server over
// /ws/lab, its frames into the charts (lab-run.js). Changing a set-up control starts the run anew (like
// TensorFlow Playground); learning rate, speed and the watched neuron change the running run without a reset.
import { t } from './i18n.js';
import { fromQuery, toQuery } from './lab-state.js';
import * as controls from './lab-controls.js';
import { markPreset } from './lab-presets.js';
import { createRun } from './lab-run.js';

const state = fromQuery(location.search);

/** The URL always holds the set-up; the language links keep it too. */
function saveUrl() {
  const q = toQuery(state);
  history.replaceState(null, '', `${location.pathname}?${q}`);
  document.querySelectorAll('a.lang-link').forEach((a) => { a.search = `?lang=${a.dataset.lang}&${q}`; });
  markPreset(state);
}

const run = createRun({
  state,
  save: saveUrl,
  hello: () => run.start(true), // a new connection has no run: start the set-up (again, after a lost connection)
  link: () => location.href,
  backText: t('lab.connection.back'),
});

controls.fill(state);
saveUrl();
run.connect();
run.ready();
