import { startRepeatingJob } from "../src/repeating-job";

/* The timer under the settlement and the outbox pruning: one run at a time, on after a failure, stop waits. */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("startRepeatingJob", () => {
  it("runs every interval, never two runs at once, even when a run outlasts the interval", async () => {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const job = startRepeatingJob(async () => {
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(30);
      running -= 1;
      runs += 1;
    }, 5);
    await sleep(200);
    await job.stop();
    expect(mostAtOnce).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
  });

  it("goes on after a run that rejects", async () => {
    let calls = 0;
    const job = startRepeatingJob(async () => {
      calls += 1;
      throw new Error("the database is away");
    }, 5);
    await sleep(100);
    await job.stop();
    expect(calls).toBeGreaterThanOrEqual(3);
  });

  it("stop() waits for the run in progress and no run starts after it", async () => {
    let finished = 0;
    let started = 0;
    const job = startRepeatingJob(async () => {
      started += 1;
      await sleep(50);
      finished += 1;
    }, 1);
    await sleep(20);
    await job.stop();
    expect(finished).toBe(started);
    const startedAtStop = started;
    await sleep(60);
    expect(started).toBe(startedAtStop);
  });
});
