// The page's side of /ws/lab (docs/protocol.md): one JSON object per message, dispatched by "type".
// Used by the lab, the classroom's pages and the lesson's live chart. A student watching the class receives
// compact frames and history ("wf", "wh"), which are handed on as the frames and history they stand for.
import { watcherDecoder } from './watcher-frames.js';

/**
 * Opens the socket; handlers.hello/ready/state/frame/diverged/error get the messages of that type,
 * handlers.open(again) and handlers.closed(retryInMs) the connection's changes. A lost connection is
 * opened again after 1, 2, 4 ... (at most 15) seconds, as a classroom's Wi-Fi drops and comes back; the
 * server greets it with a new hello, and a run starts again from there (the server freed the old one).
 * Messages sent before the first opening wait for it; while the connection is lost they are dropped.
 * path: the socket's path and query, asked again at every opening (a classroom page adds its seat or room
 * when it has one); default /ws/lab. Returns { send(message), close() }; after close() it stays closed.
 */
export function connect(handlers, path = () => '/ws/lab') {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = () => `${scheme}://${location.host}${path()}`;
  const queue = [];
  const decoder = watcherDecoder();
  let ws;
  let opened = false;
  let closing = false;
  let delay = 1000;
  function open() {
    ws = new WebSocket(url());
    ws.addEventListener('open', () => {
      const again = opened;
      opened = true;
      delay = 1000;
      while (queue.length) ws.send(queue.shift());
      handlers.open?.(again);
    });
    ws.addEventListener('message', (ev) => {
      let m = JSON.parse(ev.data);
      if (m.type === 'ready') decoder.ready(m);
      else if (m.type === 'wf') m = { type: 'frame', frame: decoder.frame(m) };
      else if (m.type === 'wh') m = decoder.history(m);
      handlers[m.type]?.(m);
    });
    ws.addEventListener('close', () => {
      if (closing) return;
      handlers.closed?.(delay);
      setTimeout(open, delay);
      delay = Math.min(delay * 2, 15000);
    });
  }
  open();
  return {
    send(message) {
      const text = JSON.stringify(message);
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
      else if (!opened && ws.readyState === WebSocket.CONNECTING) queue.push(text);
    },
    close() { closing = true; ws.close(); },
    /** Whether close() was called. */
    get closed() { return closing; },
  };
}

/** Calls fn at most once per animation frame however often it is asked to (charts redraw per frame). */
export function perAnimationFrame(fn) {
  let pending = false;
  return () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => { pending = false; fn(); });
  };
}
