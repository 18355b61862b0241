import { ROOT_CONTEXT, SpanKind, trace, type Span, type Tracer } from "@opentelemetry/api";
import {
  ATTR_DB_OPERATION_NAME,
  ATTR_DB_QUERY_TEXT,
  ATTR_DB_SYSTEM_NAME,
  DB_SYSTEM_NAME_VALUE_MARIADB,
  DB_SYSTEM_NAME_VALUE_MYSQL,
} from "@opentelemetry/semantic-conventions";
import type { DataSource, EntitySubscriberInterface, QueryRunner } from "typeorm";
import { DB_SYSTEM_NAME_VALUE_SQLITE } from "./attributes";
import { isSampled } from "./sampled";
import { recordFailure } from "./span-errors";
import { StatementParents } from "./statement-parents";

/** The Dashboard's summary statement is about 4,000 characters; a batch of 100 keys a few hundred more. */
const MAX_STATEMENT_LENGTH = 10_000;
/** The statement's first keyword (SELECT, UPDATE, START, COMMIT, ...): the span's name. */
const FIRST_KEYWORD = /^\s*([A-Za-z]{1,20})\b/;
/**
 * A quoted identifier ("..." or `...`), kept; or a literal, replaced by `?`:
 * a string ('...') or a number not part of a name.
 */
const QUOTED_OR_LITERAL = /("(?:[^"]|"")*"|`(?:[^`]|``)*`)|'(?:[^'\\]|''|\\.)*'|\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g;

/**
 * Statement texts whose literal-free form is kept: the gateway sends the same few
 * hundred texts over and over (on MariaDB every value is a placeholder), and the
 * regular expression over the Dashboard's 4,000-character summary costs more
 * than its span. SQLite's texts carry numbers and vary: past this many the
 * cache starts again, so it stays bounded whatever clients send.
 */
const MAX_CACHED_TEXTS = 1_000;

interface PendingStatement {
  readonly sql: string;
  readonly span: Span;
}

/**
 * A CLIENT span per SQL statement, from TypeORM's beforeQuery and afterQuery
 * events, as a child of the work it runs for: the request's execute phase, a
 * websocket operation or event, a live delivery, a relay's publish. That work
 * runs on the data source view its TraceParent gives (the returned
 * StatementParents), which is how a statement is told whose it is. A
 * statement of untraced work (the background jobs' timers, an unsampled
 * request) is not traced: it would be a trace of its own, one per poll; nor is
 * one whose parent's trace is not sampled.
 *
 * `db.query.text` is the statement with its placeholders and without its
 * literals: the gateway's SQL is parameterised (src/db/sql/run-sql.ts), but
 * TypeORM's SQLite driver writes number parameters into the text (an id a
 * client sent, `= 987654321`), so every number and string literal is replaced
 * by `?`, as the conventions ask of query text. Parameter values are never
 * recorded. A failed statement records the driver's error code, not its
 * message (which repeats values: a duplicate key's email).
 *
 * The two events carry no id: a statement is matched to its span by query
 * runner and text, in order (a connection runs its statements one at a time).
 */
export function traceStatements(db: DataSource, tracer: Tracer): StatementParents {
  const parents = new StatementParents(db);
  const system = systemName(db);
  const pending = new WeakMap<QueryRunner, PendingStatement[]>();
  const queryTexts = new Map<string, string>();
  const queryTextOf = (sql: string) => {
    let text = queryTexts.get(sql);
    if (text === undefined) {
      text = withoutLiterals(sql.slice(0, MAX_STATEMENT_LENGTH));
      if (queryTexts.size >= MAX_CACHED_TEXTS) queryTexts.clear();
      queryTexts.set(sql, text);
    }
    return text;
  };
  const subscriber: EntitySubscriberInterface = {
    beforeQuery({ queryRunner, query }) {
      const parent = parents.parentOf(queryRunner)?.currentSpan();
      // An unsampled trace's statements would be unsampled too (every sampler here decides
      // a trace once, by its root or its trace id): not even a non-recording span for them.
      // The sampled flag, not isRecording(): a delivery's span has ended when its recount's statements run.
      if (!parent || !isSampled(parent)) return;
      const name = operationName(query);
      const span = tracer.startSpan(
        name,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            [ATTR_DB_SYSTEM_NAME]: system,
            [ATTR_DB_OPERATION_NAME]: name,
            [ATTR_DB_QUERY_TEXT]: queryTextOf(query),
          },
        },
        trace.setSpan(ROOT_CONTEXT, parent),
      );
      let statements = pending.get(queryRunner);
      if (!statements) pending.set(queryRunner, (statements = []));
      statements.push({ sql: query, span });
    },
    afterQuery({ queryRunner, query, success, error }) {
      const statements = pending.get(queryRunner);
      const index = statements?.findIndex((statement) => statement.sql === query) ?? -1;
      if (index < 0) return;
      const [{ span }] = statements!.splice(index, 1) as [PendingStatement];
      if (!success) recordFailure(span, error);
      span.end();
    },
  };
  db.subscribers.push(subscriber);
  return parents;
}

function systemName(db: DataSource): string {
  switch (db.options.type) {
    case "mariadb":
      return DB_SYSTEM_NAME_VALUE_MARIADB;
    case "mysql":
      return DB_SYSTEM_NAME_VALUE_MYSQL;
    default:
      return DB_SYSTEM_NAME_VALUE_SQLITE;
  }
}

/** The statement's text with `?` for each literal; quoted identifiers ("Message"."id") are left as they are. */
export function withoutLiterals(sql: string): string {
  return sql.replace(QUOTED_OR_LITERAL, (match, identifier: string | undefined) => identifier ?? "?");
}

function operationName(sql: string): string {
  return FIRST_KEYWORD.exec(sql)?.[1]?.toUpperCase() ?? "SQL";
}
