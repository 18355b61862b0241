/** A job run on a timer; `stop()` ends the timer and waits for a run in progress. */
export interface RepeatingJob {
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs`, one run at a time: the next run is scheduled
 * when the last one ends, so a slow run is never overlapped by the next. The
 * timer does not keep the process alive. `run` reports its own failures (it
 * should not throw; a rejection is swallowed so that the schedule goes on).
 */
export function startRepeatingJob(run: () => Promise<void>, intervalMs: number): RepeatingJob {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const scheduleNext = () => {
    if (!stopped) timer = setTimeout(tick, intervalMs).unref();
  };
  const tick = () => {
    running = run()
      .catch(() => undefined)
      .finally(scheduleNext);
  };
  scheduleNext();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
