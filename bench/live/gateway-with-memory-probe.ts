/*
 * The gateway exactly as `node dist/src/main.js` runs it, plus an answer to
 * `{ type: "memory" }` on the IPC channel (when started with one) with this
 * process's memoryUsage() after a full GC (with --expose-gc), and to
 * `{ type: "heap-snapshot", file }` with a heap snapshot written there. Used by
 * `npm run bench:live` to read the heap; nothing is added to the gateway itself.
 */
import { writeHeapSnapshot } from "node:v8";
import "../../src/main";

process.on("message", (message: { type?: string; file?: string }) => {
  if (message?.type === "memory") {
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    process.send?.({ type: "memory", usage: process.memoryUsage() });
  } else if (message?.type === "heap-snapshot" && message.file) {
    writeHeapSnapshot(message.file);
    process.send?.({ type: "heap-snapshot" });
  }
});
