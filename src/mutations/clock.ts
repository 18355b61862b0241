/** True while a production's casting call runs: until its `expiresAt`, exclusive. */
export function isOpen(production: { expiresAt: Date }, now: Date): boolean {
  return production.expiresAt.getTime() > now.getTime();
}

/** The same instant `years` calendar years later (UTC). */
export function yearsAfter(date: Date, years: number): Date {
  const later = new Date(date.getTime());
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later;
}
