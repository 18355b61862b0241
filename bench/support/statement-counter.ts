import type { Logger as TypeOrmLogger } from "typeorm";

export interface RecordedStatement {
  sql: string;
  parameters: unknown[];
}

/** A TypeORM logger that records every statement the data source sends, with its parameters. */
export function createStatementRecorder(): TypeOrmLogger & { statements: RecordedStatement[]; reset(): void } {
  const statements: RecordedStatement[] = [];
  return {
    statements,
    reset() {
      statements.length = 0;
    },
    logQuery(query, parameters) {
      statements.push({ sql: query, parameters: Array.isArray(parameters) ? parameters : [] });
    },
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
}
