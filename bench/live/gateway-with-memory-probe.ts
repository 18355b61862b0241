/*
 * The gateway exactly as `node dist/src/main.js` runs it, plus an answer to
 * `{ type: "memory" }` on the IPC channel (when started with one) with this
 * process's memoryUsage() after a full GC (with --expose-gc). Used by
 * `npm run bench:live` to read the heap; nothing is added to the gateway itself.
 */
import "../../src/main";

process.on("message", (message: { type?: string }) => {
  if (message?.type !== "memory") return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  process.send?.({ type: "memory", usage: process.memoryUsage() });
});
