import { DataSource, type QueryRunner, type ReplicationMode } from "typeorm";
import type { TraceParent } from "../trace-parent";
import { spanParentOf, type SpanParent } from "./span-parent";

/**
 * Which traced work each SQL statement runs for, told by the work itself
 * rather than by AsyncLocalStorage (src/trace-parent.ts says why): a traced
 * request's loaders, queries and services run on a view of the data source
 * made for its TraceParent, and the view's query runners say whose they are.
 * Untraced work runs on the data source itself and pays nothing.
 *
 * A view is a copy of the data source's fields (the same driver, metadata
 * and subscribers) on a prototype of its own, TracedDataSourceView, rather
 * than an object inheriting the data source: V8 turns an object that becomes
 * a prototype into a dictionary and back, under a map of its own, and every
 * request's code that reads the data source would then run on the new map
 * (deoptimised once, and slower to look up where it stays polymorphic).
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
/** What makes a view's query runners, per view. */
const runnerFactories = new WeakMap<DataSource, (mode?: ReplicationMode) => QueryRunner>();

/** The prototype of the views (never constructed): a DataSource whose query runners its view makes. */
class TracedDataSourceView extends DataSource {
  override createQueryRunner(mode?: ReplicationMode): QueryRunner {
    return runnerFactories.get(this)!(mode);
  }
}

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
    const view = Object.assign(Object.create(TracedDataSourceView.prototype) as DataSource, db);
    let ownSqliteRunner: QueryRunner | undefined;
    runnerFactories.set(view, (mode) => {
      if (db.options.type === "better-sqlite3") return (ownSqliteRunner ??= this.sqliteRunnerFor(view, parent));
      // Its manager runs everything on the runner itself (a transaction's repositories included).
      const runner = db.createQueryRunner(mode);
      this.markedRunners.set(runner, parent);
      return runner;
    });
    // The view's own manager (the data source's is bound to the data source): its repositories,
    // transactions and query builders then create their runners on the view.
    (view as { manager: DataSource["manager"] }).manager = view.createEntityManager();
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
