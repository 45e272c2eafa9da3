// The form of /join: the code as typed (spaces, dashes and case do not matter; the server says when no room
// has it) opens /join/CODE; the nickname waits in sessionStorage for the room's page, not in its address.
import { t } from './i18n.js';
import { session } from './room.js';

const form = document.getElementById('join-form');
const input = document.getElementById('join-code');
const error = document.getElementById('join-error');

form.addEventListener('submit', (e) => {
  e.preventDefault();
  const code = input.value.replace(/[\s\u2010-\u2015\u2212-]/g, '').toUpperCase();
  if (code.length !== 4) {
    error.textContent = t('join.short');
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    return;
  }
  const nickname = document.getElementById('join-nickname').value.trim();
  if (nickname) session.set('bnlab.nickname', nickname);
  location.assign(`/join/${encodeURIComponent(code)}`);
});
input.addEventListener('input', () => { error.textContent = ''; input.removeAttribute('aria-invalid'); });
if (!input.value) input.focus();
else input.select();
document.documentElement.dataset.ready = document.documentElement.lang;
