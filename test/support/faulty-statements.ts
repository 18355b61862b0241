import type { Logger as TypeOrmLogger } from "typeorm";

/*
 * A TypeORM logger that counts statements and can make the next statement
 * matching a pattern fail before it reaches the database, on either engine:
 * TypeORM calls the logger just before it sends a statement and lets what the
 * logger throws out of the query, as a driver's error would come out.
 */

export interface FaultyStatements extends TypeOrmLogger {
  /** The statements sent since the last reset. */
  readonly statements: string[];
  /** Forgets the statements sent so far (not the failures waiting to happen). */
  reset(): void;
  /** The next statement whose SQL matches `pattern` fails with `error` instead of running. */
  failNext(pattern: RegExp, error: Error): void;
  /**
   * Resolves once no statement has been sent for `quietMs`. An answer can
   * leave before its last statement: when a null reaches the root, graphql-js
   * answers at once while resolvers already started go on, and their
   * statements belong to that request all the same.
   */
  quiet(quietMs?: number): Promise<void>;
}

/** An error as mysql2 reports a connection the server reset: the gateway's "database unavailable". */
export function connectionResetError(): Error {
  return Object.assign(new Error("read ECONNRESET"), { code: "ECONNRESET" });
}

export function createFaultyStatements(): FaultyStatements {
  const statements: string[] = [];
  const faults: Array<{ pattern: RegExp; error: Error }> = [];
  let sent = 0;
  return {
    statements,
    reset() {
      statements.length = 0;
    },
    failNext(pattern, error) {
      faults.push({ pattern, error });
    },
    async quiet(quietMs = 30) {
      for (let before = -1; before !== sent;) {
        before = sent;
        await new Promise((resolve) => setTimeout(resolve, quietMs));
      }
    },
    logQuery(query) {
      const fault = faults.findIndex(({ pattern }) => pattern.test(query));
      sent += 1;
      if (fault >= 0) throw faults.splice(fault, 1)[0]!.error;
      statements.push(query);
    },
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
}
