// The page's side of /ws/lab (docs/protocol.md): one JSON object per message, dispatched by "type".
// Used by the lab and by the lesson's live chart.

/**
 * Opens the socket; handlers.hello/ready/state/frame/diverged/error get the messages of that type,
 * handlers.open and handlers.closed the connection's changes. Returns { send(message), close() }.
 */
export function connect(handlers) {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/ws/lab`);
  const queue = [];
  ws.addEventListener('open', () => {
    while (queue.length) ws.send(queue.shift());
    handlers.open?.();
  });
  ws.addEventListener('message', (ev) => {
    const m = JSON.parse(ev.data);
    handlers[m.type]?.(m);
  });
  ws.addEventListener('close', () => handlers.closed?.());
  return {
    send(message) {
      const text = JSON.stringify(message);
      if (ws.readyState === WebSocket.OPEN) ws.send(text); else if (ws.readyState === WebSocket.CONNECTING) queue.push(text);
    },
    close() { ws.close(); },
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
