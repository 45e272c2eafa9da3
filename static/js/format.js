// Number formatting in the page's language, for text (0,53 / 0.53) and for TeX.
import { lang } from './i18n.js';

const formats = new Map();
function formatter(digits) {
  if (!formats.has(digits)) {
    formats.set(digits, new Intl.NumberFormat(lang, {
      minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false,
    }));
  }
  return formats.get(digits);
}

/**
 * v with a fixed number of decimals and a real minus sign; never "−0,00". Values of a million and
 * more, which a cell cannot hold, as sig() writes them (1,2·10¹⁸): never E notation, never a row of zeros.
 */
export function num(v, digits = 2) {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e6) return sig(v, 2);
  const shown = Number(v.toFixed(digits)) === 0 ? 0 : v;
  return formatter(digits).format(shown).replace('-', '\u2212');
}

const counting = new Intl.NumberFormat(lang);

/** A count such as an iteration, grouped as in the page's language (1.000 / 1,000), as the server writes it. */
export function count(n) {
  return counting.format(n);
}

/** v for TeX: a decimal comma wrapped in braces so KaTeX does not add a space after it. */
export function tex(v, digits = 2) {
  if (Math.abs(v) >= 1e6) {
    const e = Math.floor(Math.log10(Math.abs(v)));
    return `${tex(v / 10 ** e, 1)} \\cdot 10^{${e}}`;
  }
  return num(v, digits).replace('\u2212', '-').replace(/,/g, '{,}');
}

/** Like tex(), but a negative number in parentheses, for use after an operator. */
export function texTerm(v, digits = 2) {
  const s = tex(v, digits);
  return s.startsWith('-') ? `(${s})` : s;
}

/** Small constants such as epsilon: 10^{-5}, or 2{,}5 \cdot 10^{-3}. */
export function texSci(v) {
  if (v === 0) return '0';
  const e = Math.floor(Math.log10(Math.abs(v)));
  if (e >= -2 && e <= 3) return tex(v, Math.max(0, 2 - e));
  const mantissa = v / 10 ** e;
  return Math.abs(mantissa - 1) < 1e-9 ? `10^{${e}}` : `${tex(mantissa, 2)} \\cdot 10^{${e}}`;
}

/** A change with its sign and an arrow, so the direction does not rest on colour: "▲ +0,01". */
export function change(delta, digits = 2) {
  const r = Number(delta.toFixed(digits));
  if (r === 0) return `= ${num(0, digits)}`;
  return `${r > 0 ? '\u25B2 +' : '\u25BC \u2212'}${num(Math.abs(delta), digits)}`;
}

/** A number typed by a student: point or comma as decimal separator; null if it is none. */
export function parseNumber(text) {
  const s = String(text).trim().replace('\u2212', '-').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

/** A number for an input field: at most `digits` decimals (two, as the cells show it), in the page's decimal style. */
export function inputValue(v, digits = 2) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: digits, useGrouping: false }).format(v).replace('-', '\u2212');
}

const exact = new Intl.NumberFormat(lang, { maximumFractionDigits: 12, useGrouping: false });

/** A value from a server message: a number as written in the page's language (0,999), anything else as it is. */
export function value(v) {
  if (typeof v !== 'number') return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-6 || a >= 1e12) ? sig(v, 6) : exact.format(v).replace('-', '\u2212');
}

const significant = new Map();
const SUPERSCRIPT = { '-': '\u207B', 0: '\u2070', 1: '\u00B9', 2: '\u00B2', 3: '\u00B3', 4: '\u2074', 5: '\u2075', 6: '\u2076', 7: '\u2077', 8: '\u2078', 9: '\u2079' };

/**
 * v for people, with at most `digits` significant digits, in the page's language: 0,5 · 20 · 0,0001; very
 * small or large values with a power of ten, 1,2·10⁻²⁷⁵ or 3·10¹⁸, never a wall of zeros.
 */
export function sig(v, digits = 3) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (!significant.has(digits)) significant.set(digits, new Intl.NumberFormat(lang, { maximumSignificantDigits: digits }));
  const f = significant.get(digits);
  const a = Math.abs(v);
  if (a === 0 || (a >= 1e-4 && a < 1e6)) return f.format(v).replace('-', '\u2212');
  let e = Math.floor(Math.log10(a));
  let m = Number((v / 10 ** e).toPrecision(digits));
  if (Math.abs(m) >= 10) { m /= 10; e += 1; }
  const power = String(e).split('').map((c) => SUPERSCRIPT[c]).join('');
  return `${f.format(m).replace('-', '\u2212')}\u00B710${power}`;
}

/** Decimals that tell apart values `step` apart (0.05 → 2, 20 → 0), at most 6. */
export function digitsFor(step) {
  if (!(step > 0) || !Number.isFinite(step)) return 2;
  return Math.min(6, Math.max(0, -Math.floor(Math.log10(step) + 1e-9)));
}
