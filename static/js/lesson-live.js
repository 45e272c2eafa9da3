// The lesson's live chart (section 2): the example network trained on the server without and with BN,
// the logits of a few neurons over the iterations. One /ws/lab connection, one run: it watches the first
// neuron and (watch's "also") the others, so every frame carries all of them. Stops by itself after a while.
import { t } from './i18n.js';
import { bandChart, steps } from './charts.js';
import { connect, perAnimationFrame } from './lab-socket.js';
import { RunRecord } from './lab-series.js';

const NEURONS = 3;
const SPEED = '40';          // iterations per second: slow enough to watch the drift happen
const STOP_AT = 2000;        // then pause, so idle lesson pages cost the server nothing
const POINTS = 60;           // per network and chart: each point the mean of a few iterations, calmer lines

export function startLiveChart(root) {
  const button = root.querySelector('#live-play');
  const status = root.querySelector('#live-status');
  let running = false;
  const charts = [];
  for (let j = 0; j < NEURONS; j++) {
    charts.push({
      chart: bandChart(root.querySelector(`#live-chart-${j}`), { yTitle: t('live.logit'), legend: false }),
      record: new RunRecord(POINTS),
    });
  }
  const redraw = perAnimationFrame(() => {
    for (const { chart, record } of charts) {
      chart.nets(record.keys);
      for (const key of record.keys) chart.set(key, record.nets[key].list);
      chart.update();
    }
  });
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
  // One run of the example network; every frame carries the first neuron's percentiles and (also) the others'.
  const socket = connect({
    hello: () => socket.send({ type: 'start', config: {}, speed: SPEED, paused: false }),
    ready: (m) => {
      for (const { record } of charts) record.reset(m);
      const also = [];
      for (let j = 1; j < NEURONS; j++) also.push({ layer: 0, neuron: j });
      socket.send({ type: 'watch', layer: 0, neuron: 0, also });
    },
    state: (m) => setRunning(m.state === 'running'),
    frame: ({ frame }) => {
      charts.forEach(({ record }, j) => record.add(forNeuron(frame, j)));
      status.textContent = t('live.status', steps(frame.step));
      if (frame.step >= STOP_AT && running) socket.send({ type: 'pause' });
      root.dataset.step = String(frame.step);
      redraw();
    },
    closed: (retryMs) => { status.textContent = t('lab.connection.lost', Math.round(retryMs / 1000)); },
  });

  function setRunning(r) {
    running = r;
    button.textContent = r ? t('lab.pause') : t('lab.play');
    button.setAttribute('aria-pressed', String(r));
  }
  button.addEventListener('click', () => socket.send({ type: running ? 'pause' : 'resume' }));
}
