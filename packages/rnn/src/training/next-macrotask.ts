// nextMacrotask(): a turn of the event loop in any runtime (setImmediate in Node, a MessageChannel in browsers).

/**
 * Resolves after the event loop has run other tasks (timers, I/O, worker messages). Node's setImmediate where it
 * exists; elsewhere a MessageChannel message, which, unlike setTimeout(0), browsers do not clamp to 4 ms.
 *
 * @example
 * ```ts
 * await nextMacrotask(); // keys and renders queued meanwhile have run
 * ```
 */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') {
      setImmediate(resolve);
      return;
    }
    const { port1, port2 } = new MessageChannel();
    port1.addEventListener('message', () => {
      port1.close();
      resolve();
    });
    port1.start(); // addEventListener, unlike onmessage, does not start the port
    port2.postMessage(null);
  });
}
