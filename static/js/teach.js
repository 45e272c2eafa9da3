// The instructor's page (/teach?token=T): the lab's run view drives the class's run of a room over
// /ws/teach. First a name and "open room"; then the join code, the addresses and the QR code for the
// projector, lock/release, close, and the dashboard of the students' copies (dashboard.js). The token
// stays in this page's address only: no link, export or history entry gets it.
import { t } from './i18n.js';
import { defaults } from './lab-state.js';
import { createRun } from './lab-run.js';
import { createDashboard } from './dashboard.js';
import { endedText, presetsStartInRun, session } from './room.js';

const ROOM_KEY = 'bnlab.teach.room';
const main = document.getElementById('main');
const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);

let roomCode = main.dataset.roomCode || session.get(ROOM_KEY) || '';
let room = null;          // the last room message
let opening = false;      // openRoom sent, its room not yet here: then the class run is started
let classConfig = null;   // the class run's set-up, for the class chart's BN rates

const state = defaults();
const run = createRun({ state, follow: true, backText: t('room.connection.back') });
const dashboard = createDashboard({ send: (m) => run.send(m), classConfig: () => classConfig });

function path() {
  return `/ws/teach?token=${encodeURIComponent(token)}${roomCode ? `&room=${encodeURIComponent(roomCode)}` : ''}`;
}

/** Shows the room as the server sees it. */
function showRoom(m) {
  room = m;
  roomCode = m.code;
  session.set(ROOM_KEY, m.code);
  $('room-open').hidden = true;
  $('room-ended').hidden = true;
  $('room-bar').hidden = false;
  $('dashboard').hidden = false;
  $('room-code').textContent = m.code;
  $('room-name-shown').textContent = m.name || '';
  const urls = (m.joinUrls || []).map((u) => Object.assign(document.createElement('li'), { textContent: u }));
  $('room-urls').replaceChildren(...urls);
  const qr = `/join/${encodeURIComponent(m.code)}/qr.svg`;
  if ($('room-qr').getAttribute('src') !== qr) $('room-qr').setAttribute('src', qr);
  $('room-code-small').replaceChildren(`${t('room.codeSmall', (m.joinUrls || [''])[0])} `,
    Object.assign(document.createElement('span'), { className: 'code', textContent: m.code }));
  counts(m.students, m.forks);
  $('lock-state').textContent = m.locked ? t('room.locked') : t('room.released');
  $('btn-lock').textContent = m.locked ? t('room.release') : t('room.lock');
  main.dataset.locked = String(m.locked);
  main.dataset.roomCode = m.code;
  const shown = m.view === 'shown';
  $('shown-banner').hidden = !shown;
  $('shown-text').textContent = shown ? t('room.shown', m.shown) : '';
  dashboard.shown(shown ? m.shown : null);
  run.setDriving(!shown, t('room.showingNote'));
  main.dataset.view = m.view;
}

function counts(students, forks) {
  $('room-count').textContent = t('room.students', students, forks);
}

/** No room (yet, or any more): the form to open one. */
function noRoom(text) {
  room = null;
  roomCode = '';
  session.remove(ROOM_KEY);
  $('room-open').hidden = false;
  $('room-bar').hidden = true;
  $('shown-banner').hidden = true;
  $('close-confirm').hidden = true;
  $('dashboard').hidden = true;
  $('room-ended').hidden = !text;
  $('room-ended').textContent = text || '';
  delete main.dataset.roomCode;
  main.dataset.view = 'none';
  run.setDriving(false, t('room.openFirst'));
}

const handlers = {
  room(m) {
    showRoom(m);
    if (opening) { // a new room has no run: the set-up in the controls becomes the class's run
      opening = false;
      run.start(true);
    }
  },
  roomClosed(m) {
    const ended = m.reason === 'noRoom' ? t('room.ended.teachNoRoom') : endedText(m.reason);
    if (m.reason === 'takenOver') { // another instructor page has the room: this one lets go for good
      socket.close();
      noRoom(ended);
      $('room-open').hidden = true;
      return;
    }
    if (m.reason !== 'noRoom') socket.close(); // the server drops the room's connections; a new room gets a new one
    noRoom(`${ended} ${t('room.teachAgain')}`);
  },
  ready(m, own) {
    own(m);
    if (!room || room.view !== 'shown') classConfig = m.config;
  },
  dashboard(m) {
    dashboard.update(m);
    counts(m.students, m.forks.length);
  },
};

let socket = run.connect(handlers, path);

$('room-open').addEventListener('submit', (e) => {
  e.preventDefault();
  if (socket.closed) socket = run.connect(handlers, path); // after a room ended: a fresh connection
  opening = true;
  $('room-ended').hidden = false;
  $('room-ended').textContent = t('room.opening');
  run.send({ type: 'openRoom', name: $('room-name').value.trim() || null });
});
$('btn-lock').addEventListener('click', () => run.send({ type: room && room.locked ? 'release' : 'lock' }));
$('btn-join-info').addEventListener('click', () => {
  // Once the class has joined, the big code gives way to the charts; a line with the code stays for latecomers.
  const show = $('btn-join-info').getAttribute('aria-expanded') === 'false';
  $('btn-join-info').setAttribute('aria-expanded', String(show));
  $('btn-join-info').textContent = show ? t('room.info.hide') : t('room.info.show');
  $('room-live').hidden = !show;
  $('room-code-small').hidden = show;
  $('room-bar').classList.toggle('compact', !show);
});
$('btn-close-room').addEventListener('click', () => { $('close-confirm').hidden = false; $('btn-close-no').focus(); });
$('btn-close-no').addEventListener('click', () => { $('close-confirm').hidden = true; });
$('btn-close-yes').addEventListener('click', () => {
  $('close-confirm').hidden = true;
  run.send({ type: 'closeRoom' });
});
$('btn-unshow').addEventListener('click', () => run.send({ type: 'show', fork: null }));

// The language links carry no token; following one keeps this page's address, token and room included.
document.querySelectorAll('a.lang-link').forEach((a) => a.addEventListener('click', (e) => {
  e.preventDefault();
  const q = new URLSearchParams(location.search);
  q.set('lang', a.dataset.lang);
  location.search = q.toString();
}));

presetsStartInRun(run);
run.show({});
if (roomCode) $('room-open').hidden = true; // coming back to a room: the server gives it back, or says it ended
else noRoom('');
run.ready();
