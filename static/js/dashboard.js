// The instructor's dashboard: a table of every student's copy, live (from the dashboard message, about once a
// second), with "show this run", and the class chart: each copy's validation accuracy at a chosen iteration
// against its learning rate, one colour and shape per network of the class run (its config's nets, left out:
// without and with BN). The instructor's screen is the projector's: students are numbers until the instructor
// turns names on. Nicknames are the students' own text: textContent only.
import { t, has } from './i18n.js';
import { num } from './format.js';
import { rateChart } from './rate-chart.js';
import { steps } from './chart-base.js';
import { netLabel, TWIN } from './nets.js';
import { display } from './lab-state.js';

const $ = (id) => document.getElementById(id);

/** A run property by the name its control has on this page ("Lernrate η"), without the control's explanation. */
function fieldName(field) {
  const label = document.querySelector(`label[for="c-${field}"]`);
  return label ? label.textContent.split(' (')[0].trim() : field;
}

/** A property's value as the page writes it (decimal comma in German); none: a dash. */
function shown(field, v) { return v === '' || v === null || v === undefined ? '–' : display(field, v); }

let names = false; // nicknames on this screen (the projector's): off until the instructor turns them on

/** A dashboard row's name: the student's number, or with names on their nickname (if they gave one). */
function who(row) { return (names && row.student) || t('dash.number', row.number); }

/** @param send sends a message to the server; @param classConfig the class run's set-up (ready's config), or null */
export function createDashboard({ send, classConfig }) {
  const rows = new Map(); // fork id -> its <tr>
  let shownNumber = null; // the student whose run is on the projector (room message), or null
  let shownId = null;
  let last = null;        // the last dashboard message
  let visible = false;
  let checkpoints = '';
  let keys = TWIN; // the networks of the class run: one accuracy column and one colour in the chart each
  const chart = rateChart($('chart-class'), {
    yTitle: t('chart.accuracyAt', steps(1000)),
    markLabel: (key) => t('chart.classRun', netLabel(key)),
  });

  /** The chart's caption and label name every network of the class run, by its point shape and line. */
  function describe() {
    const looks = keys.map((key) => (has(`net.look.${key}`) ? t('dash.chart.look', t(`net.look.${key}`), netLabel(key)) : netLabel(key)));
    $('dash-chart-points').textContent = t('dash.chart.points', looks.join(', '));
    $('chart-class').setAttribute('aria-label', t('dash.chart.aria', keys.map(netLabel).join(', ')));
  }
  describe();

  $('c-checkpoint').addEventListener('change', (e) => send({ type: 'classChart', step: Number(e.target.value) }));

  /** The class run's networks: the accuracy columns between the iteration and "diverged", the chart's datasets. */
  function setNets(next) {
    if (next.join() === keys.join()) return;
    keys = next.slice();
    document.querySelectorAll('#dash-table thead th.net-col').forEach((th) => th.remove());
    const diverged = document.querySelector('#dash-table thead th.diverged-col');
    for (const key of keys) {
      const th = Object.assign(document.createElement('th'), { scope: 'col', className: 'net-col', textContent: t('dash.col.net', netLabel(key)) });
      diverged.before(th);
    }
    for (const tr of rows.values()) tr.remove(); // rebuilt with a cell per network
    rows.clear();
    chart.nets(keys);
    describe();
  }

  /** A network's base rate in a run, as the server reports it (each keeps its ratio to the first network's). */
  function rateOf(row, key) {
    const net = row.nets && row.nets[key];
    return net && typeof net.baseLearningRate === 'number' ? net.baseLearningRate : row.baseLearningRate;
  }

  function accuracy(net) {
    return net && typeof net.accuracy === 'number' ? num(net.accuracy, 3) : '–';
  }

  /**
   * Which networks diverged or blew up, and how (the server's divergedKind): "no", "with BN: exploded", "both:
   * stopped (NaN)" when every network went the same way.
   */
  function diverged(row) {
    const nets = row.nets || {};
    const gone = keys.filter((k) => nets[k] && nets[k].diverged);
    if (!gone.length) return t('dash.diverged.none');
    const kind = (k) => {
      const key = `dash.kind.${nets[k].divergedKind || 'nonFinite'}`;
      return has(key) ? t(key) : nets[k].divergedKind;
    };
    const twin = keys.join() === 'plain,bn';
    if (gone.length === keys.length && gone.every((k) => kind(k) === kind(gone[0]))) {
      return t('dash.diverged.kindOf', t(twin ? 'dash.diverged.both' : 'dash.diverged.all'), kind(gone[0]));
    }
    return gone.map((k) => t('dash.diverged.kindOf', twin ? t(`dash.diverged.${k}`) : netLabel(k), kind(k))).join('; ');
  }

  function changes(row) {
    // The same value on both sides is no change (the server listed equal widths for a while). A learning rate may
    // name its network: one network's rate can follow another's (the BN network's at 30 times the first one's).
    const list = (row.changes || []).filter((c) => c.value !== c.classValue);
    if (!list.length) return [Object.assign(document.createElement('span'), { className: 'same', textContent: t('dash.noChange') })];
    return list.map((c) => Object.assign(document.createElement('span'), {
      className: 'change',
      textContent: c.network
        ? t('dash.change.net', fieldName(c.field), netLabel(c.network), shown(c.field, c.value), shown(c.field, c.classValue))
        : t('dash.change', fieldName(c.field), shown(c.field, c.value), shown(c.field, c.classValue)),
    }));
  }

  /**
   * A new row: the name, the show button (second, so that it is one tab stop into the panel; it keeps its focus
   * across updates), connected, changes, iteration, an accuracy per network, diverged.
   */
  function makeRow(row) {
    const tr = document.createElement('tr');
    tr.dataset.fork = row.id;
    tr.dataset.number = String(row.number);
    const name = document.createElement('th');
    name.scope = 'row';
    const cell = document.createElement('td');
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'show-run';
    button.addEventListener('click', () => {
      const on = button.getAttribute('aria-pressed') === 'true';
      shownId = on ? null : tr.dataset.fork;
      send({ type: 'show', fork: shownId });
    });
    cell.append(button);
    tr.append(name, cell);
    for (let i = 0; i < 4 + keys.length; i++) tr.append(document.createElement('td'));
    for (let i = 4; i <= 4 + keys.length; i++) tr.children[i].classList.add('num'); // the iteration and the accuracies
    return tr;
  }

  /** Whether a row's run is the one on the projector. */
  function isShown(tr) {
    return shownNumber !== null && (shownId ? shownId === tr.dataset.fork : tr.dataset.number === String(shownNumber));
  }

  function showButton(tr) {
    const on = isShown(tr);
    const button = tr.children[1].firstChild;
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? t('dash.unshow') : t('dash.show');
    tr.classList.toggle('shown', on);
  }

  function fillRow(tr, row) {
    const cells = tr.children;
    cells[0].textContent = who(row);
    cells[2].textContent = row.connected ? t('dash.connected') : t('dash.away');
    cells[2].className = row.connected ? 'on' : 'off';
    cells[3].replaceChildren(...changes(row));
    cells[4].textContent = steps(row.step);
    keys.forEach((key, i) => { cells[5 + i].textContent = accuracy(row.nets && row.nets[key]); });
    cells[5 + keys.length].textContent = diverged(row);
    showButton(tr);
  }

  function checkpointOptions(m) {
    const key = m.checkpoints.join(',');
    if (key !== checkpoints) {
      checkpoints = key;
      $('c-checkpoint').replaceChildren(...m.checkpoints.map((s) => new Option(steps(s), String(s))));
    }
    if (document.activeElement !== $('c-checkpoint')) $('c-checkpoint').value = String(m.checkpoint);
  }

  /**
   * Every copy at the checkpoint, per network of the class run (a diverged one as a cross at the bottom: it has no
   * accuracy to show), and the class run as a star: at the checkpoint when it got there, else at its last
   * measurement, which its label names (a preset stops before the forks' checkpoints).
   */
  function drawChart(m) {
    const netOf = (row, key) => row.nets && row.nets[key];
    const at = (row, key) => {
      const net = netOf(row, key);
      return net && net.atCheckpoint ? net.atCheckpoint.accuracy : NaN;
    };
    const gone = (row, key) => Boolean(netOf(row, key) && netOf(row, key).diverged);
    const divergedPoints = [];
    for (const key of keys) {
      chart.set(key, m.forks.filter((row) => !gone(row, key))
        .map((row) => ({ x: rateOf(row, key), y: at(row, key), label: `${who(row)} (${netLabel(key)})` })));
      for (const row of m.forks.filter((r) => gone(r, key))) {
        divergedPoints.push({ net: key, x: rateOf(row, key), label: t('chart.divergedPoint', `${who(row)} (${netLabel(key)})`) });
      }
      chart.mark(key, classMark(m, key));
    }
    chart.diverged(divergedPoints);
    chart.title(t('chart.accuracyAt', steps(m.checkpoint)));
    chart.axis(m.rates);
    chart.update();
  }

  /** The class run's star for one network: at the checkpoint, else at its last validation, said so. */
  function classMark(m, key) {
    const net = m.classRun && m.classRun.nets && m.classRun.nets[key];
    if (!net) return null;
    const x = rateOf(m.classRun, key);
    if (net.atCheckpoint) return { x, y: net.atCheckpoint.accuracy, label: t('chart.classRun', netLabel(key)) };
    if (typeof net.accuracy !== 'number') return null;
    const when = typeof net.validatedAt === 'number' ? net.validatedAt : m.classRun.step;
    return { x, y: net.accuracy, label: t('chart.classRunAt', netLabel(key), steps(when)), before: true };
  }

  /** Redraws the table's names and the chart from the last message (names turned on or off). */
  function redraw() {
    if (!last) return;
    for (const row of last.forks) {
      const tr = rows.get(row.id);
      if (tr) fillRow(tr, row);
    }
    if (visible) drawChart(last);
  }

  return {
    /** A dashboard message: the table in place (rows added, updated, removed), the chart redrawn (when shown). */
    update(m) {
      last = m;
      const cfg = classConfig();
      setNets((cfg && cfg.nets) || TWIN);
      const seen = new Set();
      for (const row of m.forks) {
        seen.add(row.id);
        let tr = rows.get(row.id);
        if (!tr) {
          tr = makeRow(row);
          rows.set(row.id, tr);
          $('dash-rows').append(tr);
        }
        fillRow(tr, row);
      }
      for (const [id, tr] of rows) if (!seen.has(id)) { tr.remove(); rows.delete(id); }
      $('dash-empty').hidden = m.forks.length > 0;
      const cls = m.classRun;
      $('dash-summary').textContent = t('dash.summary', steps(cls ? cls.step : 0), m.students, m.forks.length);
      checkpointOptions(m);
      if (visible) drawChart(m);
      $('dashboard').dataset.rows = String(m.forks.length);
    },
    /** The number of the student whose run is on the projector (room message), or null. */
    shown(number) {
      shownNumber = number ?? null;
      if (shownNumber === null) shownId = null;
      for (const tr of rows.values()) showButton(tr);
    },
    /** Nicknames on this screen, or numbers (the default). */
    names(on) {
      names = on;
      $('btn-names').setAttribute('aria-pressed', String(on));
      $('dashboard').dataset.names = String(on);
      redraw();
    },
    /** The panel is open (the chart is drawn) or closed. */
    visible(on) {
      visible = on;
      if (on && last) drawChart(last);
    },
  };
}
