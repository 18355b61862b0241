/** True while a production's casting call runs: until its `expiresAt`, exclusive. */
export function isOpen(production: { expiresAt: Date }, now: Date): boolean {
  return production.expiresAt.getTime() > now.getTime();
}
