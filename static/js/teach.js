// The instructor's page (/teach?token=T), which is also what the projector shows: the lab's run view drives the
// class's run of a room over /ws/teach. First a name and "open room"; then the run fills the screen under one
// status line, the join code is a badge in the toolbar (large right after opening, and whenever it is pressed),
// and the set-up with the presets and the class's dashboard are panels opened from the toolbar. Students are
// numbers on this screen unless the instructor turns names on. The token stays in this page's address only.
import { t } from './i18n.js';
import { defaults } from './lab-state.js';
import { createRun } from './lab-run.js';
import { fitFirstScreen } from './lab-view.js';
import { createDashboard } from './dashboard.js';
import { endedText, keepFocus, presetsStartInRun, session } from './room.js';
import { createLesson } from './lesson-plan.js';

const ROOM_KEY = 'bnlab.teach.room';
const NAMES_KEY = 'bnlab.teach.names';
/** The big code gives way to the charts once students have stopped coming for this long. */
const JOINED_AFTER_MS = 45000;
const main = document.getElementById('main');
const token = new URLSearchParams(location.search).get('token') || '';
const $ = (id) => document.getElementById(id);

let roomCode = main.dataset.roomCode || session.get(ROOM_KEY) || '';
let room = null;          // the last room message
let opening = false;      // openRoom sent, its room not yet here: then the class run is started
let classConfig = null;   // the class run's set-up, for the class chart's BN rates
let names = session.get(NAMES_KEY) === 'true'; // nicknames on the projector (off by default, as Desmos's "anonymize")
let students = 0;
let lastJoin = 0;         // when the head count last grew
let bigSinceOpening = false; // the big code is showing because the room was just opened

const state = defaults();
const run = createRun({ state, follow: true, backText: t('room.connection.back') });
const dashboard = createDashboard({ send: (m) => run.send(m), classConfig: () => classConfig });
dashboard.names(names);

function path() {
  return `/ws/teach?token=${encodeURIComponent(token)}${roomCode ? `&room=${encodeURIComponent(roomCode)}` : ''}`;
}

// ----- panels: the big code, the set-up with the presets, the class; Escape closes the last one opened

const panels = {
  code: { panel: 'room-live', button: 'btn-join-info' },
  setup: { panel: 'setup-panel', button: 'btn-setup' },
  class: { panel: 'dashboard', button: 'btn-class' },
  plan: { panel: 'plan-panel', button: 'btn-plan' },
};
const opened = []; // names, the last opened last

function isOpen(name) { return !$(panels[name].panel).hidden; }

/**
 * Opens or closes a panel. focus: where the keyboard goes ("panel" into it, "button" back to its toggle, or
 * nowhere); a closed panel that had the focus always gives it back to its toggle.
 */
function setPanel(name, open, focus = null) {
  const { panel, button } = panels[name];
  const hadFocus = $(panel).contains(document.activeElement);
  $(panel).hidden = !open;
  $(button).setAttribute('aria-expanded', String(open));
  main.dataset[`${name}Panel`] = open ? 'open' : 'closed';
  const i = opened.indexOf(name);
  if (i >= 0) opened.splice(i, 1);
  if (open) opened.push(name);
  if (name === 'code') {
    $('join-info-action').textContent = open ? t('room.badge.hide') : t('room.badge.show');
    if (!open) bigSinceOpening = false;
  }
  if (name === 'class') dashboard.visible(open);
  fitFirstScreen();
  if (open && focus === 'panel') (name === 'code' ? $('btn-join-hide') : $(panel)).focus();
  else if (!open && (focus === 'button' || hadFocus)) $(button).focus();
}

function toggle(name) { setPanel(name, !isOpen(name), isOpen(name) ? 'button' : 'panel'); }

$('btn-join-info').addEventListener('click', () => toggle('code'));
$('btn-join-hide').addEventListener('click', () => setPanel('code', false, 'button'));
$('btn-setup').addEventListener('click', () => toggle('setup'));
$('btn-setup-close').addEventListener('click', () => setPanel('setup', false, 'button'));
$('btn-class').addEventListener('click', () => toggle('class'));
$('btn-class-close').addEventListener('click', () => setPanel('class', false, 'button'));
$('btn-plan').addEventListener('click', () => toggle('plan'));
$('btn-plan-close').addEventListener('click', () => setPanel('plan', false, 'button'));
// The skip link to the students' runs opens their panel.
$('skip-class')?.addEventListener('click', (e) => {
  e.preventDefault();
  if (room) setPanel('class', true, 'panel');
});

function closeConfirm(open) {
  $('close-confirm').hidden = !open;
  $('btn-close-room').setAttribute('aria-expanded', String(open));
  if (open) $('btn-close-no').focus();
}

document.addEventListener('keydown', (e) => {
  if (e.key !== 'Escape' || e.altKey || e.ctrlKey || e.metaKey) return;
  if (!$('close-confirm').hidden) {
    closeConfirm(false);
    $('btn-close-room').focus();
  } else if (opened.length) {
    setPanel(opened[opened.length - 1], false, 'button');
  } else {
    return;
  }
  e.preventDefault();
});

// ----- the room

/** "Student 7's run", or with names on the nickname they typed. */
function shownText(m) {
  return names && m.shown ? t('room.shown', m.shown) : t('room.shown.number', m.shownNumber ?? m.shown);
}

/** Shows the room as the server sees it. */
function showRoom(m) {
  const first = room === null;
  const had = document.activeElement;
  room = m;
  roomCode = m.code;
  session.set(ROOM_KEY, m.code);
  $('room-open').hidden = true;
  $('room-ended').hidden = true;
  $('room-bar').hidden = false;
  $('room-code').textContent = m.code;
  $('room-code-small').textContent = m.code;
  $('room-name-shown').textContent = m.name || '';
  const urls = (m.joinUrls || []).map((u) => Object.assign(document.createElement('li'), { textContent: u }));
  $('room-urls').replaceChildren(...urls);
  const qr = `/join/${encodeURIComponent(m.code)}/qr.svg`;
  for (const id of ['room-qr', 'room-qr-small']) if ($(id).getAttribute('src') !== qr) $(id).setAttribute('src', qr);
  counts(m.students, m.forks);
  $('lock-state').textContent = m.locked ? t('room.locked') : t('room.released');
  $('btn-lock').textContent = m.locked ? t('room.release') : t('room.lock');
  main.dataset.locked = String(m.locked);
  main.dataset.roomCode = m.code;
  const shown = m.view === 'shown';
  $('shown-banner').hidden = !shown;
  $('shown-text').textContent = shown ? shownText(m) : '';
  dashboard.shown(shown ? (m.shownNumber ?? null) : null);
  run.setDriving(!shown, t('room.showingNote'));
  main.dataset.view = m.view;
  if (first) fitFirstScreen();
  keepFocus(had, 'btn-play');
}

function counts(n, forks) {
  if (n > students) lastJoin = Date.now();
  students = n;
  $('room-count').textContent = t('room.count', n, forks, room && !room.locked ? t('room.count.released') : t('room.count.locked'));
}

/** No room (yet, or any more): the form to open one; the run and its notices went with the room. */
function noRoom(text) {
  const had = document.activeElement;
  room = null;
  roomCode = '';
  session.remove(ROOM_KEY);
  $('room-open').hidden = false;
  $('room-bar').hidden = true;
  $('shown-banner').hidden = true;
  closeConfirm(false);
  for (const name of Object.keys(panels)) setPanel(name, false);
  $('room-ended').hidden = !text;
  $('room-ended').textContent = text || '';
  $('lesson-card').hidden = true;
  delete main.dataset.roomCode;
  main.dataset.view = 'none';
  run.setDriving(false, '');
  run.clearNotices();
  keepFocus(had, 'room-name');
}

const handlers = {
  room(m) {
    showRoom(m);
    if (opening) { // a new room has no run: the set-up in the controls becomes the class's run
      opening = false;
      run.start(true);
      bigSinceOpening = true;
      lastJoin = Date.now();
      setPanel('code', true, 'panel'); // the code large, until it is hidden or the class has joined
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
    if (room) counts(m.students, m.forks.length);
  },
  lesson(m) {
    lesson.show(m);
    fitFirstScreen();
  },
};

const lesson = createLesson({ teach: true, send: (m) => run.send(m) });
let socket = run.connect(handlers, path);

// The class has joined: nobody new for a while. The code shown large since the room opened gives way to the run.
setInterval(() => {
  if (bigSinceOpening && isOpen('code') && students > 0 && Date.now() - lastJoin > JOINED_AFTER_MS) setPanel('code', false);
}, 5000);

$('room-open').addEventListener('submit', (e) => {
  e.preventDefault();
  if (socket.closed) socket = run.connect(handlers, path); // after a room ended: a fresh connection
  opening = true;
  $('room-ended').hidden = false;
  $('room-ended').textContent = t('room.opening');
  run.send({ type: 'openRoom', name: $('room-name').value.trim() || null });
});
$('btn-lock').addEventListener('click', () => run.send({ type: room && room.locked ? 'release' : 'lock' }));
$('btn-close-room').addEventListener('click', () => closeConfirm($('close-confirm').hidden));
$('btn-close-no').addEventListener('click', () => { closeConfirm(false); $('btn-close-room').focus(); });
$('btn-close-yes').addEventListener('click', () => {
  $('btn-close-room').focus(); // the keyboard's place until the room is gone (then: the form for a new one)
  closeConfirm(false);
  run.send({ type: 'closeRoom' });
});
$('btn-unshow').addEventListener('click', () => run.send({ type: 'show', fork: null }));
$('btn-names').addEventListener('click', () => {
  names = !names;
  session.set(NAMES_KEY, String(names));
  dashboard.names(names);
  if (room && room.view === 'shown') $('shown-text').textContent = shownText(room);
});

// The rooms of the class's record, after class: the token is added when the link is followed, never shown in it.
$('past-rooms-link').addEventListener('click', (e) => {
  e.preventDefault();
  location.href = `/teach/rooms?token=${encodeURIComponent(token)}&lang=${document.documentElement.lang}`;
});

// The language links carry no token; following one keeps this page's address, token and room included.
document.querySelectorAll('a.lang-link').forEach((a) => a.addEventListener('click', (e) => {
  e.preventDefault();
  const q = new URLSearchParams(location.search);
  q.set('lang', a.dataset.lang);
  location.search = q.toString();
}));

presetsStartInRun(run);
run.show({});
if (roomCode) { // coming back to a room: the server gives it back, or says it ended
  $('room-open').hidden = true;
  main.dataset.view = 'class';
} else {
  noRoom('');
}
run.ready();
