// A student's page in a room (/join/CODE): the lab's run view follows the class's run over /ws/join/CODE.
// While the student watches, the set-up and the run's buttons are off and say why; "fork" gives them a copy
// of the class run (once the instructor has released the class), which they drive exactly like the lab.
// The seat the server gives is kept per room in sessionStorage, so a reload or a Wi-Fi drop comes back to it.
import { t } from './i18n.js';
import { defaults } from './lab-state.js';
import { createRun } from './lab-run.js';
import { endedText, presetsStartInRun, session } from './room.js';

const main = document.getElementById('main');
const code = main.dataset.roomCode;
const seatKey = `bnlab.seat.${code}`;
const $ = (id) => document.getElementById(id);
let seat = session.get(seatKey);
let first = true;

const state = defaults();
const run = createRun({ state, follow: true, backText: t('room.connection.back') });
run.show({});
run.setDriving(false, t('room.watcherNote.locked'));

function path() {
  return `/ws/join/${encodeURIComponent(code)}${seat ? `?seat=${encodeURIComponent(seat)}` : ''}`;
}

/** The room as the server sees it for this student: the class or their own copy, locked or released. */
function showRoom(m) {
  if (m.seat) {
    seat = m.seat;
    session.set(seatKey, m.seat);
  }
  const fork = m.view === 'fork';
  main.dataset.view = m.view;
  main.dataset.locked = String(m.locked);
  $('room-view').textContent = fork ? t('room.inFork') : t('room.watching');
  $('room-view').className = `room-view ${fork ? 'fork' : 'class'}`;
  $('btn-fork').hidden = fork;
  $('btn-fork').disabled = m.locked;
  $('btn-unfork').hidden = !fork;
  $('fork-note').textContent = fork ? '' : m.locked ? t('room.fork.locked') : t('room.fork.ready');
  if (fork) run.setDriving(true);
  else run.setDriving(false, m.locked ? t('room.watcherNote.locked') : t('room.watcherNote'));
  if (document.activeElement !== $('nickname')) $('nickname').value = m.nickname || '';
  $('nickname-state').textContent = m.nickname ? t('room.nickname.as', m.nickname) : t('room.nickname.number', m.number);
  if (first) {
    first = false;
    const wanted = session.get('bnlab.nickname'); // typed on the join form
    if (wanted && wanted !== m.nickname) socket.send({ type: 'nickname', name: wanted });
    session.remove('bnlab.nickname');
  }
}

const socket = run.connect({
  room: showRoom,
  roomClosed(m) {
    socket.close(); // the room is over: no reconnecting
    if (m.reason !== 'takenOver') session.remove(seatKey);
    main.dataset.ended = m.reason;
    $('room-ended-text').textContent = endedText(m.reason);
    $('room-ended').hidden = false;
    document.querySelector('.room-student').hidden = true;
    run.setDriving(false, '');
  },
}, path);

$('btn-fork').addEventListener('click', () => socket.send({ type: 'fork' }));
$('btn-unfork').addEventListener('click', () => socket.send({ type: 'unfork' }));
let sentName = null;
function sendNickname() {
  const name = $('nickname').value.trim();
  if (name === sentName) return; // Enter submits and changes: one message
  sentName = name;
  socket.send({ type: 'nickname', name });
}
$('nickname-form').addEventListener('submit', (e) => { e.preventDefault(); sendNickname(); });
$('nickname').addEventListener('change', sendNickname);
presetsStartInRun(run);
run.ready();
