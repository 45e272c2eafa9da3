// The two calls the lesson makes. Errors carry the server's message (already in the page's language).
import { lang, t } from './i18n.js';

async function answer(response) {
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON: fall through */ }
  if (!response.ok) throw new Error(body && body.error ? body.error : t('error.network', response.status));
  return body;
}

/** The network's batch after `iteration` training steps. */
export async function fetchBatch(seed, iteration) {
  const q = new URLSearchParams({ seed, iteration, lang });
  let response;
  try { response = await fetch(`/api/lesson/batch?${q}`); } catch (e) { throw new Error(t('error.network', e.message)); }
  return answer(response);
}

/** Batch normalization of the student's own numbers: { mu, sigma, zTilde, zHat }. */
export async function batchNorm(request) {
  let response;
  try {
    response = await fetch(`/api/batchnorm?lang=${lang}`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(request),
    });
  } catch (e) {
    throw new Error(t('error.network', e.message));
  }
  return answer(response);
}
