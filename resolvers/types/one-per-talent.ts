/**
 * Types there is exactly one of per talent (the dashboard and its summaries)
 * are identified by the talent's user id. That gives client caches a key:
 * Apollo Client and urql's graphcache normalise by `__typename` and `id`, so
 * the AtAGlance pushed by `notificationCounts`, or answered by a mutation,
 * replaces the one cached under the dashboard instead of sitting beside it.
 */
export const ONE_PER_TALENT_ID_DESCRIPTION =
  "The talent's user id: there is one of these per talent, so client caches can key it.";

/** The value with the `id` of the talent it belongs to. */
export function ofTalent<Value extends object>(talentId: number, value: Value): Value & { id: string } {
  return { ...value, id: String(talentId) };
}
