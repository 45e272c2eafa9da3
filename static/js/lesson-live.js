// The lesson's live chart (section 2): the example network trained on the server without and with BN,
// the logits of a few neurons over the iterations. One /ws/lab connection, one run: it watches the first
// neuron and (watch's "also") the others, so every frame carries all of them.
// Nothing is asked of the server until the reader presses Start: 200 students opening the lesson are not 200
// runs. It pauses while the section is out of view and goes on when it is back (if the reader had it running),
// and pauses by itself after STOP_AT iterations.
import { t } from './i18n.js';
import { bandChart } from './charts.js';
import { steps } from './chart-base.js';
import { connect, perAnimationFrame } from './lab-socket.js';
import { RunRecord } from './lab-series.js';

const NEURONS = 3;
const SPEED = '40';          // iterations per second: slow enough to watch the drift happen
const STOP_AT = 2000;        // then pause once, so a forgotten lesson page costs the server nothing
const POINTS = 60;           // per network and chart: each point the mean of a few iterations, calmer lines

export function startLiveChart(root) {
  const button = root.querySelector('#live-play');
  const status = root.querySelector('#live-status');
  const idle = root.querySelector('#live-idle');
  const chartsBox = root.querySelector('.live-charts');
  let socket = null;          // opened at the first Start, closed when the reader leaves the page
  let hasRun = false;         // the server has made the run (ready) on this connection
  let running = false;        // the server's state of the run
  let wanted = false;         // the reader's: Start pressed and not paused since
  let visible = false;        // the section on screen (IntersectionObserver)
  let stopped = false;        // paused once at STOP_AT
  const charts = [];

  /** Neuron j's view of a frame: its percentiles in the series (the first neuron's, or frame.also's). */
  function forNeuron(frame, j) {
    if (j === 0) return frame;
    const nets = {};
    for (const [key, net] of Object.entries(frame.nets || {})) {
      nets[key] = net.series && net.also
        ? { ...net, series: { ...net.series, percentiles: net.also[j - 1], percentilesMin: null, percentilesMax: null } }
        : net;
    }
    return { ...frame, watch: frame.also ? frame.also[j - 1] : frame.watch, nets };
  }

  const redraw = perAnimationFrame(() => {
    for (const { chart, record } of charts) {
      chart.nets(record.keys);
      for (const key of record.keys) chart.set(key, record.nets[key].list);
      chart.update();
    }
  });

  /** Whether the run should train now: the reader wants it and can see it. */
  const shouldRun = () => wanted && visible;

  /** Tells the server what shouldRun() says, if it differs from what it does. */
  function sync() {
    if (!socket || !hasRun) return;
    if (shouldRun() && !running) socket.send({ type: 'resume' });
    else if (!shouldRun() && running) socket.send({ type: 'pause' });
  }

  /** The charts, made at the first Start (made on hidden canvases they would have no size). */
  function makeCharts() {
    idle.hidden = true;
    chartsBox.hidden = false;
    for (let j = 0; j < NEURONS; j++) {
      charts.push({
        chart: bandChart(root.querySelector(`#live-chart-${j}`), { yTitle: t('live.logit'), legend: false }),
        record: new RunRecord(POINTS),
      });
    }
  }

  // One run of the example network; every frame carries the first neuron's percentiles and (also) the others'.
  // A connection that comes back (Wi-Fi) gets a new hello and starts the run again, paused if it should not run.
  function connectRun() {
    socket = connect({
      hello: () => socket.send({ type: 'start', config: {}, speed: SPEED, paused: !shouldRun() }),
      ready: (m) => {
        hasRun = true;
        for (const { record } of charts) record.reset(m);
        const also = [];
        for (let j = 1; j < NEURONS; j++) also.push({ layer: 0, neuron: j });
        socket.send({ type: 'watch', layer: 0, neuron: 0, also });
      },
      state: (m) => {
        running = m.state === 'running';
        sync(); // a pause or a scroll while the answer was on its way
      },
      frame: ({ frame }) => {
        charts.forEach(({ record }, j) => record.add(forNeuron(frame, j)));
        status.textContent = t('live.status', steps(frame.step));
        if (frame.step >= STOP_AT && !stopped) {
          stopped = true;
          setWanted(false);
        }
        root.dataset.step = String(frame.step);
        redraw();
      },
      closed: (retryMs) => {
        hasRun = false;
        running = false;
        status.textContent = t('lab.connection.lost', Math.round(retryMs / 1000));
      },
    });
  }

  /** The reader left the page (or it went into the back-forward cache): the server's run ends with the socket. */
  function disconnect() {
    if (!socket) return;
    socket.close();
    socket = null;
    hasRun = false;
    running = false;
  }

  function setWanted(w) {
    wanted = w;
    button.textContent = w ? t('lab.pause') : t('lab.play');
    button.setAttribute('aria-pressed', String(w));
    root.dataset.live = w ? 'on' : 'off';
    sync();
  }

  new IntersectionObserver((entries) => {
    visible = entries[entries.length - 1].isIntersecting;
    root.dataset.visible = String(visible);
    sync();
  }).observe(root);

  button.addEventListener('click', () => {
    if (!charts.length) makeCharts();
    if (!socket) connectRun();
    setWanted(!wanted);
  });
  window.addEventListener('pagehide', disconnect);
  window.addEventListener('pageshow', (e) => { if (e.persisted && wanted && !socket) connectRun(); });
}
