import type { DataSource, QueryRunner, ReplicationMode } from "typeorm";
import type { TraceParent } from "../trace-parent";
import { spanParentOf, type SpanParent } from "./span-parent";

/**
 * Which traced work each SQL statement runs for, told by the work itself
 * rather than by AsyncLocalStorage (src/trace-parent.ts says why): a traced
 * request's loaders, queries and services run on a view of the data source
 * made for its TraceParent, and the view's query runners say whose they are.
 * Untraced work runs on the data source itself and pays nothing.
 *
 * MariaDB: every createQueryRunner is a pool connection's runner of its own,
 * so the runner is marked. SQLite: TypeORM's driver has one runner for
 * everyone, and its events name that one; so each view has a runner of its
 * own, inheriting the shared one (the same connection, statement cache and
 * events), whose `query` names its parent for the length of the call. On
 * better-sqlite3 the statement's beforeQuery runs within that call, before
 * its first wait, so no other work's statement can come in between. Its
 * transactions keep their state on the view's runner; the gateway runs one
 * SQLite transaction at a time anyway (src/db/transaction.ts).
 */
export class StatementParents {
  private readonly markedRunners = new WeakMap<QueryRunner, SpanParent>();
  /** SQLite: the parent whose statement is being started, within its query call. */
  private starting: SpanParent | undefined;
  private readonly views = new WeakMap<SpanParent, DataSource>();

  constructor(private readonly db: DataSource) {}

  /** The parent of the statement `runner` is starting (read in beforeQuery), or undefined for untraced work. */
  parentOf(runner: QueryRunner): SpanParent | undefined {
    return this.starting ?? this.markedRunners.get(runner);
  }

  /** The data source as `trace`'s work uses it: one view per parent, shared by everything of that work. */
  dataSourceIn(trace: TraceParent): DataSource {
    const parent = spanParentOf(trace);
    let view = this.views.get(parent);
    if (!view) {
      view = this.viewFor(parent);
      this.views.set(parent, view);
    }
    return view;
  }

  private viewFor(parent: SpanParent): DataSource {
    const { db } = this;
    const view = Object.create(db) as DataSource;
    let ownSqliteRunner: QueryRunner | undefined;
    const createQueryRunner = (mode?: ReplicationMode): QueryRunner => {
      if (db.options.type === "better-sqlite3") return (ownSqliteRunner ??= this.sqliteRunnerFor(view, parent));
      // Its manager runs everything on the runner itself (a transaction's repositories included).
      const runner = db.createQueryRunner(mode);
      this.markedRunners.set(runner, parent);
      return runner;
    };
    Object.defineProperty(view, "createQueryRunner", { value: createQueryRunner, writable: true, configurable: true });
    // The view's own manager (the data source's is bound to the data source): its repositories,
    // transactions and query builders then create their runners on the view.
    Object.defineProperty(view, "manager", { value: view.createEntityManager(), writable: true, configurable: true });
    return view;
  }

  private sqliteRunnerFor(view: DataSource, parent: SpanParent): QueryRunner {
    const shared = this.db.createQueryRunner();
    const runner = Object.create(shared) as QueryRunner;
    const query = shared.query;
    Object.defineProperty(runner, "query", {
      value: (...args: Parameters<QueryRunner["query"]>) => {
        const outer = this.starting;
        this.starting = parent;
        try {
          return query.apply(runner, args);
        } finally {
          this.starting = outer;
        }
      },
      writable: true,
      configurable: true,
    });
    Object.defineProperty(runner, "manager", {
      value: view.createEntityManager(runner),
      writable: true,
      configurable: true,
    });
    return runner;
  }
}
