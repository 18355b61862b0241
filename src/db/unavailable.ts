/** Driver error codes that mean "the database is not answering", not "this query is wrong". */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "EHOSTUNREACH",
  "PROTOCOL_CONNECTION_LOST",
  // mysql2's code for a statement that ran past its timeout.
  "PROTOCOL_SEQUENCE_TIMEOUT",
  "ER_CON_COUNT_ERROR",
  "ER_SERVER_SHUTDOWN",
]);

/**
 * True when an error says MariaDB is down, frozen or overloaded (refused,
 * reset, timed out, pool queue full): the client may retry later, so it is
 * told SERVICE_UNAVAILABLE rather than a generic internal error.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const causes = [error, (error as { driverError?: unknown }).driverError];
  return causes.some((cause) => {
    if (!(cause instanceof Error)) return false;
    const code = (cause as { code?: unknown }).code;
    return (
      (typeof code === "string" && UNAVAILABLE_CODES.has(code)) ||
      /Queue limit reached|Pool is closed|connect ETIMEDOUT|Connection lost/i.test(cause.message)
    );
  });
}
