/*
 * A clock that stands still, for tests that compare two runs of the same
 * operations byte for byte: every `new Date()` and `Date.now()` (tokens,
 * timestamps of new rows, the operation's clock) reads the instant last set.
 * Only Date is faked: timers, the event loop and the drivers run as always.
 */

const EVERYTHING_BUT_DATE = [
  "hrtime",
  "nextTick",
  "performance",
  "queueMicrotask",
  "requestAnimationFrame",
  "cancelAnimationFrame",
  "requestIdleCallback",
  "cancelIdleCallback",
  "setImmediate",
  "clearImmediate",
  "setInterval",
  "clearInterval",
  "setTimeout",
  "clearTimeout",
] as const;

/**
 * Registers beforeAll/afterAll hooks that stop the clock at `at`; the returned
 * function sets it. Register it after the gateway starts: TypeGraphQL maps the
 * Date class to the DateTime scalar by identity, and the fake Date is another class.
 */
export function useFrozenClock(at: Date): (instant: Date) => void {
  beforeAll(() => {
    jest.useFakeTimers({ doNotFake: [...EVERYTHING_BUT_DATE], now: at });
  });
  afterAll(() => {
    jest.useRealTimers();
  });
  return (instant) => jest.setSystemTime(instant);
}
