// The networks a run compares, by name (docs/protocol.md, "The config": nets): how each is drawn and
// called. Never by colour alone: each also has its own line pattern, point shape and fill pattern.
import { t, has } from './i18n.js';

/**
 * Every network a run can compare (RunConfig's nets), in their canonical order: Okabe-Ito colours (safe
 * for colour-blind eyes) and, besides the colour, each its own line pattern, point shape and fill pattern.
 */
export const NETS = {
  plain: { color: '#d55e00', text: '#a8480a', dash: [7, 4], hatch: 'diagonal', point: 'triangle' },
  bn: { color: '#0072b2', text: '#005a8c', dash: [], hatch: null, point: 'circle' },
  'bn-paper': { color: '#009e73', text: '#00704f', dash: [2, 3], hatch: 'dots', point: 'rectRot' },
  'noisy-bn': { color: '#cc79a7', text: '#9c4a7a', dash: [10, 3, 2, 3], hatch: 'back', point: 'rect' },
  ln: { color: '#000000', text: '#000000', dash: [14, 3, 2, 3, 2, 3], hatch: 'cross', point: 'crossRot' },
};
export const NET_KEYS = Object.keys(NETS);
/** The lecture's twin: what a run compares when its config names no nets. */
export const TWIN = ['plain', 'bn'];
/** A network's name on the page ("without BN", "with LN"); an unknown one by its key. */
export function netLabel(key) { return has(`net.${key}`) ? t(`net.${key}`) : key; }
/** A network's style (an unknown one drawn grey and dashed, never left out). */
export function netStyle(key) { return NETS[key] || { color: '#666666', text: '#444444', dash: [4, 4], hatch: 'back', point: 'star' }; }

function rgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** A fill: plain translucent colour, or a pattern of it (diagonal, back-diagonal, cross-hatched, dotted). */
export function fill(key, alpha) {
  const net = netStyle(key);
  if (!net.hatch) return rgba(net.color, alpha);
  const c = document.createElement('canvas');
  c.width = 8; c.height = 8;
  const g = c.getContext('2d');
  g.fillStyle = rgba(net.color, alpha * 0.5);
  g.fillRect(0, 0, 8, 8);
  g.strokeStyle = rgba(net.color, Math.min(1, alpha * (net.hatch === 'cross' ? 1.5 : 2.5))); // a cross is twice the ink
  g.fillStyle = g.strokeStyle;
  g.lineWidth = 1.5;
  g.beginPath();
  if (net.hatch === 'diagonal' || net.hatch === 'cross') { g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6); }
  if (net.hatch === 'back' || net.hatch === 'cross') { g.moveTo(0, 0); g.lineTo(8, 8); g.moveTo(-2, 6); g.lineTo(2, 10); g.moveTo(6, -2); g.lineTo(10, 2); }
  g.stroke();
  if (net.hatch === 'dots') { g.beginPath(); g.arc(4, 4, 1.6, 0, 2 * Math.PI); g.fill(); }
  return g.createPattern(c, 'repeat');
}

/** A small picture of a network's line and point, for a label outside a chart (a boundary map, a table row). */
export function swatch(key) {
  const net = netStyle(key);
  const c = document.createElement('canvas');
  c.width = 44; c.height = 14;
  c.className = 'swatch';
  c.setAttribute('aria-hidden', 'true');
  const g = c.getContext('2d');
  g.strokeStyle = net.color; g.fillStyle = net.color; g.lineWidth = 2.5;
  g.setLineDash(net.dash);
  g.beginPath(); g.moveTo(0, 7); g.lineTo(44, 7); g.stroke();
  g.setLineDash([]);
  g.beginPath();
  const x = 22, y = 7, r = 4.5;
  if (net.point === 'triangle') { g.moveTo(x, y - r); g.lineTo(x + r, y + r); g.lineTo(x - r, y + r); g.closePath(); g.fill(); }
  else if (net.point === 'rectRot') { g.moveTo(x, y - r); g.lineTo(x + r, y); g.lineTo(x, y + r); g.lineTo(x - r, y); g.closePath(); g.fill(); }
  else if (net.point === 'rect') { g.rect(x - r + 1, y - r + 1, 2 * r - 2, 2 * r - 2); g.fill(); }
  else if (net.point === 'crossRot') { g.moveTo(x - r, y - r); g.lineTo(x + r, y + r); g.moveTo(x + r, y - r); g.lineTo(x - r, y + r); g.stroke(); }
  else { g.arc(x, y, r - 0.5, 0, 2 * Math.PI); g.fill(); }
  return c;
}

