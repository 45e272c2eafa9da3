// The run's controls wired to its messages (the set-up, the buttons, the keys), and what the page has
// beside the run: the projector toggle, a CSV of one's own data, and the exports
// (CSV, JSON, a chart as PNG, the set-up's link), made in the browser from what the page received.
import { lang, t } from './i18n.js';
import * as controls from './lab-controls.js';
import { steps, refreshFonts } from './chart-base.js';
import { toCsv, toJson, download, downloadPng } from './lab-export.js';
import { fitFirstScreen } from './lab-view.js';
import { prop, value } from './lab-state.js';

/** @param run the page's run (lab-run.js); @param save called after the set-up changed; @param link the set-up's address */
export function wireExtras(run, { save, link }) {
  const projectorButton = document.getElementById('btn-projector');
  function setProjector(on) {
    document.documentElement.dataset.projector = String(on);
    projectorButton.setAttribute('aria-pressed', String(on));
    try { localStorage.setItem('bnlab.projector', String(on)); } catch (e) { /* private mode: not remembered */ }
    refreshFonts();
    fitFirstScreen();
  }
  projectorButton.addEventListener('click', () => setProjector(projectorButton.getAttribute('aria-pressed') !== 'true'));
  try { if (localStorage.getItem('bnlab.projector') === 'true') setProjector(true); } catch (e) { /* none kept */ }

  document.getElementById('c-upload').addEventListener('change', async (ev) => {
    const file = ev.target.files[0];
    if (!file) return;
    const status = document.getElementById('csv-status');
    controls.clearError('upload');
    const maxBytes = Number(ev.target.dataset.maxBytes);
    if (file.size > maxBytes) { // refuse here, before sending megabytes the server would refuse too
      controls.showError('upload', t('lab.csv.tooLarge', Math.round(maxBytes / (1024 * 1024))));
      return;
    }
    status.textContent = t('loading');
    try {
      const response = await fetch(`/api/lab/csv?lang=${lang}&name=${encodeURIComponent(file.name)}`, {
        method: 'POST', headers: { 'Content-Type': 'text/csv' }, body: await file.text(),
      });
      const body = await response.json();
      if (!response.ok) throw new Error(body.error);
      status.textContent = t('lab.csv.accepted', body.name, steps(body.rows), body.features, body.classes);
      run.state.upload = body.id;
      save();
      run.start();
    } catch (e) {
      status.textContent = '';
      controls.showError('upload', e.message);
    }
  });

  const exportStatus = document.getElementById('export-status');
  const base = () => `bnlab-${run.state.dataset}-seed${run.state.seed}-${run.lastFrame ? run.lastFrame.step : 0}`;
  document.getElementById('btn-csv').addEventListener('click', () => download(`${base()}.csv`, toCsv(run.record), 'text/csv'));
  document.getElementById('btn-json').addEventListener('click', () => download(`${base()}.json`, toJson(run.record, link()), 'application/json'));
  document.querySelectorAll('button.png').forEach((b) => b.addEventListener('click', () => {
    downloadPng(`${base()}-${b.dataset.file || b.dataset.chart}.png`, run.view.charts[b.dataset.chart].chart);
  }));
  document.getElementById('btn-link').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(link());
      exportStatus.textContent = t('lab.link.copied');
    } catch (e) {
      exportStatus.textContent = t('lab.link.manual', link()); // no clipboard outside https/localhost
    }
  });
}

/** The set-up controls and the run's buttons and keys send their messages through run (lab-run.js). */
export function wireControls(run, save) {
  const playButton = document.getElementById('btn-play');
  const stepButton = document.getElementById('btn-step');
  /** A set-up control changed: a live change goes to the run, anything else starts a new run. */
  controls.onChange((name, typed) => {
    run.state[name] = typed;
    controls.clearError(name);
    controls.applicability(run.state);
    save();
    const live = prop(name).live;
    if (live === 'setLearningRate') {
      const v = value(name, typed); // the server's rule for a number; it checks the range
      if (typed === '' || (v && v.problem)) controls.showError(name, controls.problemText(name, 'number'));
      else run.send({ type: 'setLearningRate', value: v });
    } else if (live === 'setSpeed') {
      run.send({ type: 'setSpeed', stepsPerSecond: typed });
    } else if (live === 'watch') {
      run.sendWatch();
    } else if (name !== 'dataset' || typed !== 'csv' || run.state.upload) {
      run.state.rateChanges = ''; // a new set-up is a new run: the old run's rate changes do not belong to it
      save();
      run.start();
    } else {
      controls.showError('upload', t('lab.csv.needed'));
    }
  });

  playButton.addEventListener('click', () => run.send({ type: run.running ? 'pause' : 'resume' }));
  stepButton.addEventListener('click', () => run.send({ type: 'step' }));
  // Keyboard: Alt+P starts or pauses, Alt+N takes one iteration, from anywhere on the page (aria-keyshortcuts).
  document.addEventListener('keydown', (e) => {
    if (!e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'p' && !playButton.disabled) { e.preventDefault(); playButton.click(); }
    else if (key === 'n' && !stepButton.disabled) { e.preventDefault(); stepButton.click(); }
  });
  document.getElementById('values').addEventListener('toggle', () => run.view.table(run.record, run.lastFrame));
  document.getElementById('btn-reset').addEventListener('click', () => run.send({ type: 'reset' }));
}
