import { AsyncLocalStorage } from "node:async_hooks";
import { context, ROOT_CONTEXT, type Context, type ContextManager } from "@opentelemetry/api";

/**
 * The active OpenTelemetry context of each async call chain, on Node's
 * AsyncLocalStorage: what lets a SQL statement find the request (or
 * websocket operation, or live delivery) it runs for. The SDK's own class
 * lives in @opentelemetry/context-async-hooks, which this project does not
 * declare (it comes only as sdk-trace-node's dependency); this is the part of
 * it the gateway uses: `with` and `active`, and `bind` for functions.
 */
class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(
    activeContext: Context,
    fn: F,
    thisArg?: ThisParameterType<F>,
    ...args: A
  ): ReturnType<F> {
    const callback = thisArg === undefined || thisArg === null ? fn : (fn.bind(thisArg) as F);
    return this.storage.run(activeContext, callback, ...args);
  }

  bind<T>(boundContext: Context, target: T): T {
    if (typeof target !== "function") return target;
    const run = target as unknown as (...args: unknown[]) => unknown;
    const manager = this;
    return function (this: unknown, ...args: unknown[]) {
      return manager.with(boundContext, () => run.apply(this, args));
    } as unknown as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

let installed = false;

/**
 * Installs the context manager, once per process (later calls do nothing).
 * It is process-wide in @opentelemetry/api, unlike everything else of an
 * app's tracing, and that is acceptable: it holds no app's state, only which
 * context each async call chain is in, and several apps in one process (the
 * tests) each start their spans from their own tracer provider. When
 * something else installed one first, the API keeps that one.
 */
export function installContextManager(): void {
  if (installed) return;
  installed = true;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
}

/**
 * Whether this Node.js keeps AsyncLocalStorage's store in V8's per-continuation
 * data (AsyncContextFrame: Node 24 and later by default, Node 22 with
 * --experimental-async-context-frame) rather than in async hooks. With hooks,
 * once any store has been entered, every promise the process makes runs a
 * hook: an await costs 2.3 to 3.9 times what it does without, and 29 % more
 * instructions per Dashboard on Node 20 with a tenth of the requests traced
 * (bench:instructions in steady state, BENCHMARKS.md; 0.6 % on Node 24).
 * The hook-based class propagates its store from a promise-init hook, through a
 * `_propagate` method the frame-based one does not have.
 */
export function asyncContextIsFrameBased(): boolean {
  return !("_propagate" in AsyncLocalStorage.prototype);
}
