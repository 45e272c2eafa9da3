// The lesson's live chart (section 2): the example network trained on the server without and with BN,
// the logits of a few neurons over the iterations. One /ws/lab connection per neuron: each watches one
// neuron of the same run (same config and seed, so the runs are identical). Stops by itself after a while.
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
  const runs = [];
  let running = false;

  for (let j = 0; j < NEURONS; j++) {
    const chart = bandChart(root.querySelector(`#live-chart-${j}`), { yTitle: t('live.logit'), legend: false });
    const record = new RunRecord(POINTS);
    const redraw = perAnimationFrame(() => {
      for (const key of ['plain', 'bn']) chart.set(key, record.nets[key].list);
      chart.update();
    });
    const run = { step: 0 };
    run.socket = connect({
      hello: () => run.socket.send({ type: 'start', config: {}, speed: SPEED, paused: false }),
      ready: (m) => {
        record.reset(m);
        run.socket.send({ type: 'watch', layer: 0, neuron: j });
      },
      state: (m) => { if (j === 0) setRunning(m.state === 'running'); },
      frame: ({ frame }) => {
        record.add(frame);
        run.step = frame.step;
        if (j === 0) status.textContent = t('live.status', steps(frame.step));
        if (frame.step >= STOP_AT && running) pauseAll();
        root.dataset.step = String(Math.min(...runs.map((r) => r.step)));
        redraw();
      },
      closed: (retryMs) => { status.textContent = t('lab.connection.lost', Math.round(retryMs / 1000)); },
    });
    runs.push(run);
  }

  function setRunning(r) {
    running = r;
    button.textContent = r ? t('lab.pause') : t('lab.play');
    button.setAttribute('aria-pressed', String(r));
  }
  function pauseAll() { runs.forEach((r) => r.socket.send({ type: 'pause' })); }
  button.addEventListener('click', () => {
    if (running) pauseAll(); else runs.forEach((r) => r.socket.send({ type: 'resume' }));
  });
}
