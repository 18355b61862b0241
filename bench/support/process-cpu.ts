import fs from "node:fs";

/** Clock ticks per second of /proc's utime and stime (USER_HZ: 100 on Linux, whatever the kernel's HZ). */
const TICKS_PER_SECOND = 100;

/**
 * User + system CPU a process has used so far, in microseconds, from
 * /proc/<pid>/stat: every thread's (the GC's helpers, libuv's pool), not only
 * the event loop's. Resolution 10 ms: measure over thousands of requests.
 */
export function cpuMicros(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // The command name (field 2) may hold spaces: count fields from after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) / TICKS_PER_SECOND) * 1_000_000;
}
