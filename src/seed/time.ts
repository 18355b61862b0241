/* Durations and shifts for timestamps, all measured from the seed's `now`. */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** `ms` before `date`. */
export function before(date: Date, ms: number): Date {
  return new Date(date.getTime() - ms);
}

/** `ms` after `date`. */
export function after(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}

export function latest(...dates: Date[]): Date {
  return new Date(Math.max(...dates.map((date) => date.getTime())));
}

export function earliest(...dates: Date[]): Date {
  return new Date(Math.min(...dates.map((date) => date.getTime())));
}
