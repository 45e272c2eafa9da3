// Edit mode: the student types numbers into z, gamma and beta; the server recomputes the rest
// (POST /api/batchnorm). A refused input keeps everything typed and shows the server's message.
import { lang, t } from './i18n.js';
import { parseNumber, inputValue } from './format.js';
import { batchNorm } from './api.js';

const EDITABLE = ['z', 'gamma', 'beta'];

/**
 * current(): the numbers shown now; apply(state): show recomputed numbers.
 * Returns { active(), enter(), leave(), recompute() }.
 */
export function createEditor({ current, apply }) {
  const panel = document.getElementById('edit-panel');
  const error = document.getElementById('edit-error');
  const epsilon = document.getElementById('edit-epsilon');
  let active = false;
  let latest = 0; // answers to older requests are ignored: typing fast must not show stale numbers

  const cells = () => [...document.querySelectorAll('td.cell')].filter((c) => EDITABLE.includes(c.dataset.name));

  function enter() {
    const s = current();
    for (const cell of cells()) {
      const name = cell.dataset.name, i = Number(cell.dataset.i), j = Number(cell.dataset.j);
      const input = document.createElement('input');
      input.type = 'text';
      input.inputMode = 'decimal';
      input.value = inputValue(i >= 0 ? s[name][i][j] : s[name][j]);
      input.setAttribute('aria-label', i >= 0 ? t('input.label', t(`name.${name}`), i + 1, j + 1)
        : t('input.vector', t(`name.${name}`), j + 1));
      input.setAttribute('aria-describedby', 'edit-error');
      input.addEventListener('change', recompute);
      cell.querySelector('.v').hidden = true;
      cell.tabIndex = -1;
      cell.append(input);
    }
    epsilon.value = lang === 'de' ? String(s.epsilon).replace('.', ',') : String(s.epsilon);
    epsilon.onchange = recompute;
    panel.hidden = false;
    active = true;
    return recompute();
  }

  function leave() {
    for (const cell of cells()) {
      cell.querySelector('input')?.remove();
      cell.querySelector('.v').hidden = false;
      cell.tabIndex = 0;
    }
    panel.hidden = true;
    error.textContent = '';
    active = false;
  }

  /** A typed value as a number, or the raw text so that the server says what is wrong with it. */
  function read(input) {
    const v = parseNumber(input.value);
    input.setAttribute('aria-invalid', v === null ? 'true' : 'false');
    return v === null ? input.value : v;
  }

  async function recompute() {
    const s = current();
    const z = s.z.map((r) => r.map(() => 0));
    const gamma = s.gamma.map(() => 1), beta = s.beta.map(() => 0);
    for (const cell of cells()) {
      const name = cell.dataset.name, i = Number(cell.dataset.i), j = Number(cell.dataset.j);
      const v = read(cell.querySelector('input'));
      if (name === 'z') z[i][j] = v; else (name === 'gamma' ? gamma : beta)[j] = v;
    }
    const eps = read(epsilon);
    const ticket = ++latest;
    try {
      const r = await batchNorm({ z, gamma, beta, epsilon: eps });
      if (ticket !== latest || !active) return;
      error.textContent = '';
      apply({ ...s, z, gamma, beta, epsilon: eps, mu: r.mu, sigma: r.sigma, zTilde: r.zTilde, zHat: r.zHat, edited: true });
    } catch (e) {
      if (ticket === latest && active) error.textContent = e.message;
    }
  }

  return { active: () => active, enter, leave, recompute };
}
