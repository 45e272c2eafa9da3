// The run view that the lab, the instructor's page and the student's page share: the charts and the
// record of one live run, the handlers of its messages (ready, history, state, frame, rates, diverged,
// error), the run's buttons and set-up controls. The page modules (lab.js, teach.js, join.js) decide
// where the set-up comes from and who may drive; this module knows nothing of rooms.
import { lang, t, has } from './i18n.js';
import { value, sig } from './format.js';
import { toConfig, ratesText, fromConfig, toQuery } from './lab-state.js';
import * as controls from './lab-controls.js';
import { markPreset, presetFor } from './lab-presets.js';
import { connect, perAnimationFrame } from './lab-socket.js';
import { RunRecord } from './lab-series.js';
import { createView, statusText, fitFirstScreen } from './lab-view.js';
import { divergenceTexts, hidesBands } from './lab-diverged.js';
import { steps } from './chart-base.js';
import { netLabel } from './nets.js';
import { toCsv } from './lab-export.js';
import { wireControls, wireExtras } from './lab-extras.js';

const grouped = new Intl.NumberFormat(lang);

/**
 * @param state   the set-up as the page holds it (lab-state.js); the run changes it in place
 * @param follow  true: the set-up is the run's (ready's config fills the controls: the classroom); false: the
 *                page's own, which a new run gets (the lab)
 * @param save    called after the state changed (the lab writes the URL; by default the preset row is marked)
 * @param hello   called on the server's greeting (the lab starts its set-up)
 * @param link    the address of this set-up for the "copy link" button and the JSON export
 * @param backText the note when the connection is back
 */
export function createRun({ state, follow = false, save: saveState = null, hello = () => {}, link, backText }) {
  const main = document.getElementById('main');
  const record = new RunRecord();
  const view = createView();
  const playButton = document.getElementById('btn-play');
  const stepButton = document.getElementById('btn-step');
  const runStatus = document.getElementById('run-status');
  const connection = document.getElementById('connection');
  const divergedBox = document.getElementById('diverged');
  const driveNote = document.getElementById('drive-note');
  let running = false;
  let stopped = false;
  let driving = true;
  let lastFrame = null;
  let socket = null;
  let connectionNote = null;
  let doneShown = false; // the note is the "done" one
  let doneStep = 0;      // ... at this iteration
  /** The preset the page means (a link's key, or ready's for a run it follows): see lab-presets.js. */
  let presetKey = null;
  const save = saveState || (() => markPreset(state, presetKey));
  /** The run's learning-rate changes, as in ready's config and updated by each rates answer. */
  let rateChanges = [];
  const redraw = perAnimationFrame(() => { view.draw(record); view.table(record, lastFrame); });

  let noticeOfRun = false; // the line says something about the run shown (done, a refusal), not the connection

  /**
   * A line under the controls for what has no control of its own: the connection (ofRun false), the run's end, a
   * refusal without a field.
   */
  function notice(text, ofRun = true) {
    clearTimeout(connectionNote);
    doneShown = false;
    noticeOfRun = ofRun;
    connection.hidden = false;
    connection.textContent = text;
  }

  /** The run reached its preset's end: "press Start" to whoever can press it, what happened to whoever watches. */
  function doneNotice() {
    notice(driving ? t('lab.done', steps(doneStep)) : t('lab.done.watching', steps(doneStep)));
    doneShown = true;
  }

  /** The notices that belong to the run shown (done, a refusal): gone with it (a new run, another view, no room). */
  function clearNotices() {
    doneShown = false;
    if (!noticeOfRun) return; // the connection's own note stays for its while
    connection.hidden = true;
    connection.textContent = '';
  }

  /**
   * The status line as of a run's history (a page that comes to a run that may be paused, and then sends no
   * frame): its iteration, epoch and each network's rate.
   */
  function historyStatus(m) {
    const rates = m.learningRates || {};
    const keys = Object.keys(rates);
    if (!keys.length) { runStatus.textContent = ''; return; }
    const nets = Object.fromEntries(keys.map((k) => [k, { learningRate: rates[k] }]));
    runStatus.textContent = statusText({ step: m.step, epoch: m.epoch || 0, learningRate: rates[keys[keys.length - 1]], nets }, steps);
  }

  /**
   * The watch message for the state (layer and neuron counted from 1 on the page, from 0 on the wire), or
   * { problem } when a value is outside the run's network; null when the server's default applies.
   */
  function watchMessage() {
    if (state.watchLayer === '' && (state.watchNeuron === '' || state.watchNeuron === '1')) return null;
    const layers = record.ready ? record.ready.layers : null;
    const layer = state.watchLayer === '' ? (record.ready ? record.ready.watch.layer : 0) : Number(state.watchLayer) - 1;
    const neuron = Number(state.watchNeuron || 1) - 1;
    if (!Number.isInteger(layer) || (layers && (layer < 0 || layer >= layers.length))) {
      return { problem: 'watchLayer', max: layers ? layers.length : 1 };
    }
    if (!Number.isInteger(neuron) || (layers && (neuron < 0 || neuron >= layers[layer]))) {
      return { problem: 'watchNeuron', max: layers ? layers[layer] : 1 };
    }
    return { type: 'watch', layer, neuron };
  }

  function sendWatch() {
    const w = watchMessage();
    if (w && w.problem) controls.showError(w.problem, t('lab.problem.range', w.max));
    else if (w) socket.send(w);
  }

  /** Sends a start with the state's config (paused unless running); local problems are shown instead. */
  function start(paused = !running) {
    const { config, problems } = toConfig(state);
    if (problems.length) {
      problems.forEach((p) => {
        const text = controls.problemText(p.field, p.problem);
        if (!controls.showError(p.field, text)) notice(text); // a property without a control of its own (rateChanges)
      });
      return;
    }
    if (state.dataset === 'csv' && !state.upload) {
      controls.showError('upload', t('lab.csv.needed'));
      return;
    }
    const stopAt = /^\d+$/.test(state.stopAt) && Number(state.stopAt) > 0 ? Number(state.stopAt) : undefined;
    const preset = presetFor(state, presetKey) || undefined;
    socket.send({ type: 'start', config, speed: state.speed, paused, stopAt, preset });
  }

  function setRunning(r) {
    running = r;
    playButton.textContent = r ? t('lab.pause') : t('lab.play');
    playButton.setAttribute('aria-pressed', String(r));
    main.dataset.state = r ? 'running' : stopped ? 'stopped' : 'paused';
  }

  function showDivergence() {
    const texts = divergenceTexts(record);
    divergedBox.hidden = texts.length === 0;
    divergedBox.replaceChildren(...texts.map((s) => Object.assign(document.createElement('p'), { textContent: s })));
  }

  /** The play and step buttons: off while someone else drives, or when every network diverged. */
  function buttons() {
    const dead = stopped && main.dataset.reason === 'diverged';
    playButton.disabled = !driving || dead;
    stepButton.disabled = !driving || dead;
    document.getElementById('btn-reset').disabled = !driving;
  }

  /**
   * Whether this page drives the run. When it does not (a student watching the class, the instructor showing a
   * student's run), the set-up and the run's buttons are off and `why` says so above them.
   */
  function setDriving(can, why = '') {
    driving = can;
    main.dataset.driving = String(can);
    for (const c of document.querySelectorAll('#setup input, #setup select, #c-speed')) c.disabled = !can;
    if (can) controls.applicability(state);
    document.querySelectorAll('.presets a[data-preset]').forEach((a) => {
      if (can) a.removeAttribute('aria-disabled'); else a.setAttribute('aria-disabled', 'true');
    });
    driveNote.hidden = can || !why;
    driveNote.textContent = can ? '' : why;
    if (doneShown) doneNotice(); // the same end, said to whoever can (or cannot) go on from it
    buttons();
  }

  /** Shows a run's set-up in the controls (a run the page follows, or a preset it starts). */
  function show(next) {
    Object.assign(state, next);
    controls.fill(state);
    if (!driving) setDriving(false, driveNote.textContent);
    save();
  }

  const handlers = {
    open(again) {
      clearTimeout(connectionNote);
      connection.hidden = true;
      if (again) {
        notice(backText, false);
        connectionNote = setTimeout(() => { connection.hidden = true; }, 10000);
      }
    },
    closed(retryMs) {
      notice(t('lab.connection.lost', Math.round(retryMs / 1000)), false);
      setRunning(false);
    },
    hello(m) { hello(m); },
    ready(m) {
      controls.clearErrors(); // the server took the whole set-up
      clearNotices(); // a new run, or another run shown: the old one's notices are not this one's
      runStatus.textContent = ''; // until its frame 0 or its history
      rateChanges = m.config.rateChanges || []; // the whole list comes here only; rates answers bring one change
      if (follow) {
        presetKey = m.preset || null; // the preset the run was started as: the same one marked on every page
        show(fromConfig(m.config, {
          ...state, watchLayer: String(m.watch.layer + 1), watchNeuron: String(m.watch.neuron + 1),
          stopAt: m.stopAt ? String(m.stopAt) : '',
        }));
      }
      record.reset(m);
      view.reset(m, record);
      for (const key of record.keys) view.charts.bands.show(key, true);
      view.range(m.stopAt || null);
      view.watchTitle(m.watch);
      divergedBox.hidden = true;
      stopped = false;
      lastFrame = null;
      const w = watchMessage();
      if (w && w.problem) controls.showError(w.problem, t('lab.problem.range', w.max));
      else if (w && driving && (w.layer !== m.watch.layer || w.neuron !== m.watch.neuron)) socket.send(w);
      if (state.watchLayer === '') controls.control('watchLayer').value = String(m.watch.layer + 1);
      main.dataset.run = (Number(main.dataset.run || 0) + 1).toString();
      main.dataset.buckets = record.bucketCounts();
      redraw();
    },
    /** A late joiner's run so far (after ready): the charts are full at once. */
    history(m) {
      record.addHistory(m);
      historyStatus(m);
      view.watchTitle(m.watch);
      view.histogram(m.histogram);
      view.boundary(m.boundary);
      for (const key of record.keys) if (hidesBands(record.diverged[key])) view.charts.bands.show(key, false);
      showDivergence();
      main.dataset.step = String(m.step);
      main.dataset.buckets = record.bucketCounts();
      redraw();
    },
    rates(m) {
      // The run's starting rate and the change just made: what a link needs to replay it (the control keeps
      // showing the rate just typed, the status line the rate in use). A change by hand drops the changes
      // from its iteration on (planned ones not yet reached, one at the same iteration); none came before
      // the first iteration, where the change is the starting rate.
      const from = m.change ? m.change.after : 0;
      rateChanges = rateChanges.filter((c) => c.after < from);
      if (m.change) rateChanges.push(m.change);
      state.learningRate = String(m.learningRate);
      state.rateChanges = ratesText(rateChanges);
      if (follow) controls.fill(state);
      save();
    },
    state(m) {
      stopped = m.state === 'stopped';
      main.dataset.reason = m.reason || '';
      setRunning(m.state === 'running');
      const done = m.reason === 'done';
      main.dataset.done = String(done);
      if (follow && m.speed && m.speed !== state.speed) show({ speed: m.speed });
      if (done) {
        doneStep = m.step;
        doneNotice();
      } else if (m.state === 'running' && doneShown) {
        connection.hidden = true; // going on past the stop (a resume, a student's copy of a run that was done)
        doneShown = false;
      }
      if (!done && m.state === 'running' && state.stopAt !== '' && m.step >= Number(state.stopAt)) {
        // Going on past the preset's length: the chart's axis follows the run, and so does the link.
        state.stopAt = '';
        view.range(null);
        connection.hidden = true;
        save();
      }
      buttons();
    },
    frame({ frame }) {
      if (record.add(frame)) view.watchTitle(frame.watch);
      view.histogram(frame.histogram);
      view.boundary(frame.boundary);
      lastFrame = frame;
      runStatus.textContent = statusText(frame, steps);
      main.dataset.step = String(frame.step);
      main.dataset.buckets = record.bucketCounts();
      redraw();
    },
    diverged(m) {
      record.diverged[m.network] = m;
      // Its last values before the blow-up dwarf everything else (non-finite, exploded): hide it in the distribution
      // chart (its legend entry brings it back) so the other network stays readable.
      if (hidesBands(m)) view.charts.bands.show(m.network, false);
      showDivergence();
    },
    error(m) {
      const field = m.field && m.field !== 'type' ? m.field : null;
      // A broken rule is said in the page's language; anything else keeps the server's English words.
      const ruled = m.rule && has(`config.${m.rule}`);
      // A budget's numbers run to millions: grouped (1.000.000, 1,000,000) to be read at a glance.
      const say = m.rule && m.rule.startsWith('budget') ? (v) => grouped.format(v) : value;
      const text = ruled ? t(`config.${m.rule}`, ...(m.args || []).map(say)) : t('lab.refused', m.message);
      if (!(field && controls.showError(field, text))) {
        notice(ruled && field ? `${field}: ${text}` : text);
      }
    },
  };

  /** For tests and the curious: the page's record and a CSV of it. */
  window.bnlab = { record, toCsv: () => toCsv(record), netLabel, sig };

  const run = {
    state,
    record,
    view,
    notice,
    clearNotices,
    start,
    show,
    setDriving,
    /** Starts a preset (a click in the row) in this page's run. */
    choosePreset(key, next) {
      presetKey = key;
      show(next);
      start();
    },
    get preset() { return presetKey; },
    set preset(key) { presetKey = key; },
    get driving() { return driving; },
    /** The socket's messages go to the run's handlers and to the page's own (room messages). */
    connect(extra = {}, path = undefined) {
      const all = { ...handlers };
      for (const [type, fn] of Object.entries(extra)) {
        const own = handlers[type];
        all[type] = own ? (m) => { fn(m, own); } : fn;
      }
      socket = connect(all, path);
      return socket;
    },
    send(m) { socket.send(m); },
    /** The page is set up: tests wait for this. */
    ready() {
      main.dataset.ready = lang;
      document.documentElement.dataset.ready = lang;
    },
    /** The last frame received, or null. */
    get lastFrame() { return lastFrame; },
    get running() { return running; },
    sendWatch,
  };
  wireControls(run, save);
  wireExtras(run, { save, link: link || (() => `${location.origin}/lab?${toQuery(state)}`) });
  // The main chart's height follows what is above it (a toolbar that wraps, a panel, a banner) and the window.
  const fit = perAnimationFrame(fitFirstScreen);
  window.addEventListener('resize', fit);
  if (typeof ResizeObserver !== 'undefined') {
    const above = new ResizeObserver(fit);
    for (const el of [document.querySelector('.site-header'), ...document.querySelectorAll('#main > *, .run > *:not(#fig-bands)')]) {
      if (el && !el.contains(document.getElementById('fig-bands'))) above.observe(el);
    }
  }
  fitFirstScreen();
  return run;
}
