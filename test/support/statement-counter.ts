import type { Logger as TypeOrmLogger } from "typeorm";

/** A TypeORM logger that records every SQL statement the data source sends. */
export function createStatementCounter(): TypeOrmLogger & { statements: string[]; reset(): void } {
  const statements: string[] = [];
  return {
    statements,
    reset() {
      statements.length = 0;
    },
    logQuery(query) {
      statements.push(query);
    },
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
}
