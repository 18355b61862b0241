/**
 * For a parent row's foreign key, which the schema guarantees: a missing row
 * means the database broke that promise, and the error is masked as internal.
 */
export function required<T>(value: T | null, what: string): T {
  if (value === null) throw new Error(`${what} is missing`);
  return value;
}
