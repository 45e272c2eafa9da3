// What a cell means and how it is computed, with the real numbers substituted, in TeX.
// s: the numbers of section 4 (the network's batch, or the student's own in edit mode);
// g: the network's batch, whose gradients section 5 shows.
import { t } from './i18n.js';
import { tex as T, texTerm as P, texSci, count } from './format.js';

/** Decimals shown for the cells of each matrix. */
export const DIGITS = { x: 2, z: 2, mu: 2, sigma: 2, gamma: 2, beta: 2, zTilde: 2, zHat: 2, dz: 4, dgamma: 4, dbeta: 4 };

const sub = (a, b) => (a < 10 && b < 10 ? `${a}${b}` : `${a},${b}`);
const d = (x) => `\\frac{\\partial L}{\\partial ${x}}`;
const column = (name, j, m) => Array.from({ length: m }, (_, i) => [name, i, j]);
const row = (name, i, n) => Array.from({ length: n }, (_, j) => [name, i, j]);

/** left = first, then one step per line, aligned at the relation; a step starting with
    \\approx keeps it, any other gets "=". */
function lines(left, ...steps) {
  const rows = steps.map((st, k) => `${k === 0 ? left : ''} &${st.startsWith('\\approx') ? ' ' : '= '}${st}`);
  return `\\begin{aligned}${rows.join(' \\\\ ')}\\end{aligned}`;
}

/** Terms of a sum: all of them up to 8 (the lecture's batch), else the first two, \dots and the last. */
function shortened(terms) {
  return terms.length <= 8 ? terms : [terms[0], terms[1], '\\dots', terms[terms.length - 1]];
}

/** A sum of numbers in TeX, with "- 0.3" instead of "+ -0.3" (long sums shortened with \dots). */
function sumOf(values) {
  const terms = values.map((v) => ({ v }));
  return shortened(terms).map((term, k) => {
    if (term === '\\dots') return ' + \\dots';
    const v = term.v;
    return k === 0 ? T(v) : (v < 0 ? ` - ${T(-v)}` : ` + ${T(v)}`);
  }).join('');
}

/**
 * The explanation of cell (name, i, j): { title, tex, note, deps }, where deps lists the
 * cells [name, i, j] it is computed from (i = -1 for vectors such as mu).
 */
export function explain(s, g, name, i, j) {
  const I = i + 1, J = j + 1, m = s.z.length, n = s.z[0].length;
  const from = name === 'dz' ? g : s;
  if (i >= 0 && !from[name]?.[i]) return null; // a row just added in edit mode, not computed yet
  switch (name) {
    case 'x':
      return { title: t('cell.x', I, J), tex: `x_{${sub(I, J)}} = ${T(s.x[i][j])}`,
        note: t('note.x', I), deps: row('z', i, n) };
    case 'z':
      return { title: t('cell.z', I, J),
        tex: s.edited ? `z_{${sub(I, J)}} = ${T(s.z[i][j])}`
          : `z_{${sub(I, J)}} = \\sum_{k=1}^{5} w_{${J}k}\\, x_{${I}k} = ${T(s.z[i][j])}`,
        note: s.edited ? t('note.edited') : t('note.z'), deps: s.edited ? [] : row('x', i, s.x[0].length) };
    case 'mu': {
      const values = s.z.map((r) => r[j]);
      return { title: t('cell.mu', J),
        tex: lines(`\\mu_{${J}}`, `\\frac{1}{${m}} \\sum_{i=1}^{${m}} z_{i${J}}`,
          `\\frac{1}{${m}}\\left(${sumOf(values)}\\right)`, `\\approx ${T(s.mu[j])}`),
        deps: column('z', j, m) };
    }
    case 'sigma': {
      const mu = P(s.mu[j]);
      const sq = (v) => `(${T(v)} - ${mu})^2`;
      const squares = m <= 3 ? s.z.map((r) => sq(r[j])).join(' + ')
        : `${sq(s.z[0][j])} + ${sq(s.z[1][j])} + \\dots + ${sq(s.z[m - 1][j])}`;
      const variance = s.sigma[j] ** 2 - s.epsilon;
      return { title: t('cell.sigma', J),
        tex: lines(`\\sigma_{${J}}`, `\\sqrt{\\frac{1}{${m}} \\sum_{i=1}^{${m}} \\left(z_{i${J}} - \\mu_{${J}}\\right)^2 + \\varepsilon}`,
          `\\sqrt{\\frac{1}{${m}}\\left(${squares}\\right) + ${texSci(s.epsilon)}}`,
          `\\approx \\sqrt{${T(variance, 3)} + ${texSci(s.epsilon)}} \\approx ${T(s.sigma[j])}`),
        deps: [...column('z', j, m), ['mu', -1, j]] };
    }
    case 'gamma':
    case 'beta': {
      const symbol = name === 'gamma' ? '\\gamma' : '\\beta';
      return { title: t(`cell.${name}`, J), tex: `${symbol}_{${J}} = ${T(s[name][j])}`,
        note: s.edited ? t('note.edited') : t('note.param', count(s.iteration)), deps: column('zHat', j, m) };
    }
    case 'zTilde':
      return { title: t('cell.zTilde', I, J),
        tex: `\\tilde{z}_{${sub(I, J)}} = \\frac{z_{${sub(I, J)}} - \\mu_{${J}}}{\\sigma_{${J}}}`
          + ` = \\frac{${T(s.z[i][j])} - ${P(s.mu[j])}}{${T(s.sigma[j])}} \\approx ${T(s.zTilde[i][j])}`,
        deps: [['z', i, j], ['mu', -1, j], ['sigma', -1, j]] };
    case 'zHat':
      return { title: t('cell.zHat', I, J),
        tex: `\\hat{z}_{${sub(I, J)}} = \\gamma_{${J}} \\cdot \\tilde{z}_{${sub(I, J)}} + \\beta_{${J}}`
          + ` = ${T(s.gamma[j])} \\cdot ${P(s.zTilde[i][j])} + ${P(s.beta[j])} \\approx ${T(s.zHat[i][j])}`,
        deps: [['gamma', -1, j], ['zTilde', i, j], ['beta', -1, j]] };
    case 'dbeta':
      return { title: t('cell.dbeta', J),
        tex: `${d(`\\beta_{${J}}`)} = \\sum_{i=1}^{${m}} ${d(`\\hat{z}_{i${J}}`)} = ${T(g.dbeta[j], 4)}`,
        note: t('note.upstream'), deps: [] };
    case 'dgamma':
      return { title: t('cell.dgamma', J),
        tex: `${d(`\\gamma_{${J}}`)} = \\sum_{i=1}^{${m}} ${d(`\\hat{z}_{i${J}}`)}\\, \\tilde{z}_{i${J}} = ${T(g.dgamma[j], 4)}`,
        note: t('note.upstream'), deps: s.edited ? [] : column('zTilde', j, m) };
    case 'dz': {
      const dy = d(`\\hat{z}_{${sub(I, J)}}`);
      const zt = g.zTilde[i][j];
      return { title: t('cell.dz', I, J),
        tex: lines(d(`z_{${sub(I, J)}}`),
          `\\frac{\\gamma_{${J}}}{${m}\\,\\sigma_{${J}}}\\left(${m}\\, ${dy} - ${d(`\\beta_{${J}}`)} - \\tilde{z}_{${sub(I, J)}}\\, ${d(`\\gamma_{${J}}`)}\\right)`,
          `\\frac{${T(g.gamma[j])}}{${m} \\cdot ${T(g.sigma[j])}}\\left(${m} \\cdot ${P(g.dzHat[i][j], 4)} - ${P(g.dbeta[j], 4)} - ${P(zt)} \\cdot ${P(g.dgamma[j], 4)}\\right)`,
          `\\approx ${T(g.dz[i][j], 4)}`),
        note: t('note.upstream'),
        deps: [['dgamma', -1, j], ['dbeta', -1, j],
          ...(s.edited ? [] : [['gamma', -1, j], ['sigma', -1, j], ['zTilde', i, j]])] };
    }
    default:
      return null;
  }
}
