// What the instructor's page (teach.js) and a student's page (join.js) share: the words for a room's end,
// presets that start in the run instead of opening the lab, and the seat a student keeps per room.
import { t, has } from './i18n.js';
import { onPresetChosen } from './lab-presets.js';

/** Why a room ended (roomClosed's reason), in the page's language. */
export function endedText(reason) {
  return has(`room.ended.${reason}`) ? t(`room.ended.${reason}`) : t('room.ended.closed');
}

/**
 * A click on a preset starts it in the page's run (the class's, or a student's copy) instead of opening the
 * lab, which would leave the room; while the page does not drive, the click does nothing.
 */
export function presetsStartInRun(run) {
  onPresetChosen((key, next) => { if (run.driving) run.choosePreset(key, next); });
}

/**
 * Keeps the keyboard's place when what had the focus goes away (a button hidden by a room change): when `had`
 * (the element focused before the change) is no longer shown, the focus moves to the first of `candidates`
 * (elements or ids) that is. Nothing happens when nothing had the focus (a page just loaded).
 */
export function keepFocus(had, ...candidates) {
  if (!had || had === document.body || (had.isConnected && had.getClientRects().length)) return;
  for (const c of candidates) {
    const el = typeof c === 'string' ? document.getElementById(c) : c;
    if (el && el.getClientRects().length) {
      el.focus();
      return;
    }
  }
}

/** sessionStorage, or nothing where it is refused (private mode): then a reload is a new seat. */
export const session = {
  get(key) { try { return sessionStorage.getItem(key); } catch (e) { return null; } },
  set(key, v) { try { sessionStorage.setItem(key, v); } catch (e) { /* not kept */ } },
  remove(key) { try { sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ } },
};
