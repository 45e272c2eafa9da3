// The texts the scripts show, rendered by the server from the message bundles (keys "js.*")
// into <script type="application/json" id="i18n-data">. No visible word is written in JS.
const element = document.getElementById('i18n-data');
const texts = element ? JSON.parse(element.textContent) : {};

/** The page's language, "de" or "en", as set by the server on <html lang>. */
export const lang = document.documentElement.lang || 'en';

/** Whether the bundle has a text for the key. */
export function has(key) { return texts[key] !== undefined; }

/** The text for a key with {0}, {1}, ... filled in; ??key?? when missing, so a gap shows. */
export function t(key, ...args) {
  const text = texts[key];
  if (text === undefined) return `??${key}??`;
  return text.replace(/\{(\d+)\}/g, (whole, n) => (args[n] !== undefined ? String(args[n]) : whole));
}
