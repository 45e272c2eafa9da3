// A student's page in a room (/join/CODE), made for a phone first: the class's chart and its status line, then
// what the student may do now (fork once the instructor has released the class, back to the class), then their
// name. While they watch they get no control they cannot use: the set-up, the presets and the run's buttons
// appear only in their own copy, which they drive exactly like the lab. The seat the server gives is kept per
// room in sessionStorage, so a reload or a Wi-Fi drop comes back to it.
import { t } from './i18n.js';
import { defaults } from './lab-state.js';
import { createRun } from './lab-run.js';
import { fitFirstScreen } from './lab-view.js';
import { endedText, keepFocus, presetsStartInRun, session } from './room.js';
import { createLesson } from './lesson-plan.js';

const main = document.getElementById('main');
const code = main.dataset.roomCode;
const seatKey = `bnlab.seat.${code}`;
const $ = (id) => document.getElementById(id);
let seat = session.get(seatKey);
let first = true;

const state = defaults();
const run = createRun({ state, follow: true, backText: t('room.connection.back') });
run.show({});
run.setDriving(false, '');
main.dataset.view = 'class';

function path() {
  return `/ws/join/${encodeURIComponent(code)}${seat ? `?seat=${encodeURIComponent(seat)}` : ''}`;
}

/** The room as the server sees it for this student: the class or their own copy, locked or released. */
function showRoom(m) {
  const had = document.activeElement;
  if (m.seat) {
    seat = m.seat;
    session.set(seatKey, m.seat);
  }
  const fork = m.view === 'fork';
  main.dataset.view = m.view;
  main.dataset.locked = String(m.locked);
  $('room-view').textContent = fork ? t('room.inFork') : t('room.watching');
  $('room-view').className = `room-view ${fork ? 'fork' : 'class'}`;
  $('btn-fork').hidden = fork || m.locked; // no button that cannot be pressed: while locked, the note says when
  $('btn-unfork').hidden = !fork;
  $('fork-note').textContent = fork ? '' : m.locked ? t('room.fork.locked') : t('room.fork.ready');
  $('setup-panel').hidden = !fork;
  run.setDriving(fork, '');
  if (document.activeElement !== $('nickname')) $('nickname').value = m.nickname || '';
  $('nickname-state').textContent = m.nickname ? t('room.nickname.as', m.nickname, m.number) : t('room.nickname.number', m.number);
  $('nickname-privacy').hidden = Boolean(m.nickname); // once a name is saved, the line above says what happens to it
  if (first) {
    first = false;
    const wanted = session.get('bnlab.nickname'); // typed on the join form
    if (wanted && wanted !== m.nickname) socket.send({ type: 'nickname', name: wanted });
    session.remove('bnlab.nickname');
  }
  fitFirstScreen();
  keepFocus(had, fork ? 'btn-unfork' : 'btn-fork', 'room');
}

const lesson = createLesson({ teach: false, send: (m) => socket.send(m) });
const socket = run.connect({
  room: showRoom,
  lesson(m) {
    lesson.show(m);
    fitFirstScreen();
  },
  roomClosed(m) {
    socket.close(); // the room is over: no reconnecting
    if (m.reason !== 'takenOver') session.remove(seatKey);
    main.dataset.ended = m.reason;
    main.dataset.view = 'ended';
    $('room-ended-text').textContent = endedText(m.reason);
    $('room-ended').hidden = false;
    document.querySelector('.room-student').hidden = true;
    $('lesson-card').hidden = true;
    $('pause-overlay').hidden = true;
    $('setup-panel').hidden = true;
    run.setDriving(false, '');
    run.clearNotices();
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
