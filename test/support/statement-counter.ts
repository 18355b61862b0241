import type { Logger as TypeOrmLogger } from "typeorm";

/** One statement as the data source sent it. */
export interface LoggedStatement {
  sql: string;
  parameters: readonly unknown[];
}

/** A TypeORM logger that records every SQL statement the data source sends (and its parameters). */
export function createStatementCounter(): TypeOrmLogger & {
  statements: string[];
  logged: LoggedStatement[];
  reset(): void;
} {
  const statements: string[] = [];
  const logged: LoggedStatement[] = [];
  return {
    statements,
    logged,
    reset() {
      statements.length = 0;
      logged.length = 0;
    },
    logQuery(query, parameters) {
      statements.push(query);
      logged.push({ sql: query, parameters: Array.isArray(parameters) ? parameters : [] });
    },
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
}
