// The instructor's dashboard: a table of every student's copy, live (from the dashboard message, about once a
// second), with "show this run", and the class chart: each copy's validation accuracy at a chosen iteration
// against its learning rate, without and with BN. Nicknames are the students' own text: textContent only.
import { t } from './i18n.js';
import { num } from './format.js';
import { rateChart, steps, netLabel, NET_KEYS } from './charts.js';
import { display } from './lab-state.js';

const $ = (id) => document.getElementById(id);

/** A run property by the name its control has on this page ("Lernrate η"), without the control's explanation. */
function fieldName(field) {
  const label = document.querySelector(`label[for="c-${field}"]`);
  return label ? label.textContent.split(' (')[0].trim() : field;
}

/** A property's value as the page writes it (decimal comma in German); none: a dash. */
function shown(field, v) { return v === '' || v === null || v === undefined ? '–' : display(field, v); }

/** A dashboard row's name: the nickname, else the student's number. */
function who(row) { return row.student || t('dash.number', row.number); }

/** @param send sends a message to the server; @param classConfig the class run's set-up (ready's config), or null */
export function createDashboard({ send, classConfig }) {
  const rows = new Map(); // fork id -> its <tr>
  let shownLabel = null;
  let shownId = null;
  let checkpoints = '';
  const chart = rateChart($('chart-class'), {
    yTitle: t('chart.accuracyAt', steps(1000)),
    markLabel: (key) => t('chart.classRun', netLabel(key)),
  });

  $('c-checkpoint').addEventListener('change', (e) => send({ type: 'classChart', step: Number(e.target.value) }));

  /** The BN network's rate of a run: its own when it has one (the fork's change, else the class's), else the shared one. */
  function bnRate(row) {
    const own = (row.changes || []).find((c) => c.field === 'bnNetLearningRate');
    if (own) return own.value === '' ? row.learningRate : Number(own.value);
    const cfg = classConfig();
    return cfg && cfg.bnNetLearningRate != null ? cfg.bnNetLearningRate : row.learningRate;
  }

  function accuracy(net) {
    return net && typeof net.accuracy === 'number' ? num(net.accuracy, 3) : '–';
  }

  function diverged(row) {
    const p = row.plain && row.plain.diverged, b = row.bn && row.bn.diverged;
    return t(p && b ? 'dash.diverged.both' : p ? 'dash.diverged.plain' : b ? 'dash.diverged.bn' : 'dash.diverged.none');
  }

  function changes(row) {
    // The same value on both sides is no change (the server listed equal widths for a while).
    const list = (row.changes || []).filter((c) => c.value !== c.classValue);
    if (!list.length) return [Object.assign(document.createElement('span'), { className: 'same', textContent: t('dash.noChange') })];
    return list.map((c) => Object.assign(document.createElement('span'), {
      className: 'change', textContent: t('dash.change', fieldName(c.field), shown(c.field, c.value), shown(c.field, c.classValue)),
    }));
  }

  /** A new row: its cells, and the show button (which keeps its focus across updates). */
  function makeRow(row) {
    const tr = document.createElement('tr');
    tr.dataset.fork = row.id;
    const name = document.createElement('th');
    name.scope = 'row';
    tr.append(name);
    for (let i = 0; i < 6; i++) tr.append(document.createElement('td'));
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
    tr.append(cell);
    return tr;
  }

  function fillRow(tr, row) {
    const cells = tr.children;
    cells[0].textContent = who(row);
    cells[1].textContent = row.connected ? t('dash.connected') : t('dash.away');
    cells[1].className = row.connected ? 'on' : 'off';
    cells[2].replaceChildren(...changes(row));
    cells[3].textContent = steps(row.step);
    cells[4].textContent = accuracy(row.plain);
    cells[5].textContent = accuracy(row.bn);
    cells[6].textContent = diverged(row);
    const on = shownLabel !== null && (shownId ? shownId === row.id : shownLabel === who(row));
    const button = cells[7].firstChild;
    button.setAttribute('aria-pressed', String(on));
    button.textContent = on ? t('dash.unshow') : t('dash.show');
    tr.classList.toggle('shown', on);
  }

  function checkpointOptions(m) {
    const key = m.checkpoints.join(',');
    if (key !== checkpoints) {
      checkpoints = key;
      $('c-checkpoint').replaceChildren(...m.checkpoints.map((s) => new Option(steps(s), String(s))));
    }
    if (document.activeElement !== $('c-checkpoint')) $('c-checkpoint').value = String(m.checkpoint);
  }

  function drawChart(m) {
    const at = (row, key) => (row[key] && row[key].atCheckpoint ? row[key].atCheckpoint.accuracy : NaN);
    const rate = (row, key) => (key === 'bn' ? bnRate(row) : row.learningRate);
    for (const key of NET_KEYS) {
      chart.set(key, m.forks.map((row) => ({ x: rate(row, key), y: at(row, key), label: `${who(row)} (${netLabel(key)})` })));
      chart.mark(key, m.classRun ? { x: rate(m.classRun, key), y: at(m.classRun, key), label: t('chart.classRun', netLabel(key)) } : null);
    }
    chart.title(t('chart.accuracyAt', steps(m.checkpoint)));
    chart.update();
  }

  return {
    /** A dashboard message: the table in place (rows added, updated, removed), the chart redrawn. */
    update(m) {
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
      drawChart(m);
      $('dashboard').dataset.rows = String(m.forks.length);
    },
    /** The name of the run on the projector (room message), or null. */
    shown(label) {
      shownLabel = label;
      if (label === null) shownId = null;
      for (const tr of rows.values()) {
        const button = tr.children[7].firstChild;
        const on = label !== null && (shownId ? shownId === tr.dataset.fork : tr.children[0].textContent === label);
        button.setAttribute('aria-pressed', String(on));
        button.textContent = on ? t('dash.unshow') : t('dash.show');
        tr.classList.toggle('shown', on);
      }
    },
  };
}
