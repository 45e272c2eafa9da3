// What the instructor's page (teach.js) and a student's page (join.js) share: the words for a room's end,
// presets that start in the run instead of opening the lab, and the seat a student keeps per room.
import { t, has } from './i18n.js';
import { fromQuery } from './lab-state.js';

/** Why a room ended (roomClosed's reason), in the page's language. */
export function endedText(reason) {
  return has(`room.ended.${reason}`) ? t(`room.ended.${reason}`) : t('room.ended.closed');
}

/**
 * A click on a preset starts it in the page's run (the class's, or a student's copy) instead of opening the
 * lab, which would leave the room; while the page does not drive, the click does nothing.
 */
export function presetsStartInRun(run) {
  document.querySelectorAll('.presets a[data-preset]').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    if (!run.driving) return;
    run.show(fromQuery(a.search));
    run.start();
  }));
}

/** sessionStorage, or nothing where it is refused (private mode): then a reload is a new seat. */
export const session = {
  get(key) { try { return sessionStorage.getItem(key); } catch (e) { return null; } },
  set(key, v) { try { sessionStorage.setItem(key, v); } catch (e) { /* not kept */ } },
  remove(key) { try { sessionStorage.removeItem(key); } catch (e) { /* nothing kept */ } },
};
