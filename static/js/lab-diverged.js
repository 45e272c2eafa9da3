// What diverged or blew up, in words (docs/protocol.md, "diverged"). A network whose loss became NaN or infinite
// stopped: the lecture's twin keeps its own texts for that (which say what the other network does), with more
// networks one line per network, one when all stopped. A network that blew up otherwise (its neurons' inputs
// exploded, its loss far worse than guessing, its accuracy back at chance) trains on, marked: a line of its own.
import { lang, t } from './i18n.js';
import { num, sig } from './format.js';
import { steps } from './chart-base.js';
import { netLabel } from './nets.js';
import { rate } from './lab-view.js';

const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });

/** A divergence's kind; a record without one (a server before 2026-12) is a non-finite loss. */
function kindOf(d) { return d.kind || 'nonFinite'; }

/** Whether the network stopped (its loss was not finite); the other kinds train on. */
export function stopped(d) { return Boolean(d) && kindOf(d) === 'nonFinite'; }

/**
 * Whether the network's curves are hidden in the distribution chart: a stopped or exploded network's last values
 * dwarf everything else (its legend entry brings them back). A network worse than guessing or collapsed stays.
 */
export function hidesBands(d) { return Boolean(d) && (kindOf(d) === 'nonFinite' || kindOf(d) === 'exploded'); }

/**
 * A line for a network that blew up and trains on: what happened and what helps; with {@code short}, what
 * happened only (several networks blew up: the advice follows once, for all).
 */
function blewUp(key, d, short = false) {
  const net = netLabel(key);
  const at = steps(d.step);
  const k = (kind) => `lab.blewUp.${kind}${short ? '.short' : ''}`;
  switch (kindOf(d)) {
    case 'exploded':
      // A value too large for JSON comes as null: beyond any number.
      return t(k('exploded'), net, at, typeof d.value === 'number' ? sig(d.value, 2) : '\u221E', rate(d.learningRate));
    case 'worseThanGuessing':
      // The bound is three times the loss of guessing (the text says so): that loss itself is easier to read.
      return t(k('worseThanGuessing'), net, at, num(d.value, 2), num(d.limit / 3, 2), rate(d.learningRate));
    case 'collapsed':
      return t(k('collapsed'), net, at, percent.format(d.best), percent.format(d.value), percent.format(d.limit));
    default:
      return t(k('other'), net, at);
  }
}

/** The texts for a record's divergences, in the run's order of networks; none when nothing diverged. */
export function divergenceTexts(record) {
  const d = record.diverged;
  const gone = record.keys.filter((k) => d[k]);
  const halted = gone.filter((k) => stopped(d[k]));
  const blown = gone.filter((k) => !stopped(d[k]));
  const twin = record.keys.join() === 'plain,bn';
  if (twin && halted.length === 2) return [t('lab.diverged.both', steps(d.plain.step), steps(d.bn.step))];
  if (!twin && halted.length && halted.length === record.keys.length) {
    return [t('lab.diverged.all', halted.map((k) => t('lab.diverged.at', netLabel(k), steps(d[k].step))).join(', '))];
  }
  const halt = (k, key) => t(key, netLabel(k), steps(d[k].step), d[k].loss, rate(d[k].learningRate));
  // Several gone, some of them training on: a short line each, then what helps, once.
  if (gone.length > 1 && blown.length) {
    return [...halted.map((k) => halt(k, 'lab.diverged.net.short')), ...blown.map((k) => blewUp(k, d[k], true)),
      t('lab.blewUp.advice')];
  }
  // The twin's own texts say that the other network trains on well: only while it is not marked itself.
  if (twin && halted.length === 1 && gone.length === 1) {
    const k = halted[0];
    return [t(`lab.diverged.${k}`, steps(d[k].step), d[k].loss, rate(d[k].learningRate))];
  }
  return [...halted.map((k) => halt(k, 'lab.diverged.net')), ...blown.map((k) => blewUp(k, d[k]))];
}
