// What diverged, in words (docs/protocol.md, "diverged"): the lecture's twin keeps its own texts (which say
// what the other network does); with more networks, one line per network that diverged, one when all did.
import { t } from './i18n.js';
import { steps, netLabel } from './charts.js';
import { rate } from './lab-view.js';

/** The texts for a record's divergences, in the run's order of networks; none when nothing diverged. */
export function divergenceTexts(record) {
  const d = record.diverged;
  const gone = record.keys.filter((k) => d[k]);
  if (record.keys.join() === 'plain,bn') {
    if (d.plain && d.bn) return [t('lab.diverged.both', steps(d.plain.step), steps(d.bn.step))];
    if (d.plain) return [t('lab.diverged.plain', steps(d.plain.step), d.plain.loss, rate(d.plain.learningRate))];
    if (d.bn) return [t('lab.diverged.bn', steps(d.bn.step), d.bn.loss, rate(d.bn.learningRate))];
    return [];
  }
  if (gone.length && gone.length === record.keys.length) {
    return [t('lab.diverged.all', gone.map((k) => t('lab.diverged.at', netLabel(k), steps(d[k].step))).join(', '))];
  }
  return gone.map((k) => t('lab.diverged.net', netLabel(k), steps(d[k].step), d[k].loss, rate(d[k].learningRate)));
}
