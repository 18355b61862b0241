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
 * MariaDB: every createQueryRunner is a pool connection's runner of its own,
 * and its manager (which TypeORM's statement events name) is made by the view:
 * the manager's data source is the view, and the view knows its parent. SQLite:
 * TypeORM's driver has one runner for everyone, whose manager each caller
 * replaces; so each view has a runner of its own, inheriting the shared one
 * (the same connection, statement cache and events), whose `query` names its
 * parent for the length of the call. On better-sqlite3 the statement's
 * beforeQuery runs within that call, before its first wait, so no other
 * work's statement can come in between. Its transactions keep their state on
 * the view's runner; the gateway runs one SQLite transaction at a time anyway
 * (src/db/transaction.ts).
 *
 * A view is a copy of the data source's fields (the same driver, metadata and
 * subscribers) on a prototype of its own, rather than an object inheriting
 * the data source: V8 turns an object that becomes a prototype into a
 * dictionary and back under a map of its own, and every request's code that
 * reads the data source deoptimised onto it (a tenth of the requests traced
 * cost 21.7 % more instructions per Dashboard on Node 20 that way, against
 * none with the copy). Nothing here is kept in a WeakMap either: each traced
 * statement would add an entry that only a full collection clears.
 */
export class StatementParents {
  /** SQLite: the parent whose statement is being started, within its query call. */
  private starting: SpanParent | undefined;
  private readonly sharesOneRunner: boolean;

  constructor(private readonly db: DataSource) {
    this.sharesOneRunner = db.options.type === "better-sqlite3";
  }

  /** The parent of the statement `runner` is starting (read in beforeQuery), or undefined for untraced work. */
  parentOf(runner: QueryRunner): SpanParent | undefined {
    if (this.sharesOneRunner) return this.starting;
    // A runner made before its first manager (never by TypeORM's createQueryRunner) has none yet.
    const dataSource = (runner.manager as QueryRunner["manager"] | undefined)?.dataSource;
    return dataSource instanceof TracedDataSourceView ? dataSource.parent : undefined;
  }

  /** The data source as `trace`'s work uses it: one view per parent, shared by everything of that work. */
  dataSourceIn(trace: TraceParent): DataSource {
    const parent = spanParentOf(trace);
    return (parent.statementsView ??= this.viewFor(parent));
  }

  private viewFor(parent: SpanParent): DataSource {
    const view = Object.assign(Object.create(TracedDataSourceView.prototype) as TracedDataSourceView, this.db);
    view.parent = parent;
    view.sqliteRunner = this.sharesOneRunner ? this.sqliteRunnerFor(view, parent) : null;
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

/**
 * The views' prototype (never constructed): a DataSource that knows whose
 * work it runs. On MariaDB it makes its runners as any data source does, their
 * managers then on the view; on SQLite it hands out its own runner.
 */
class TracedDataSourceView extends DataSource {
  declare parent: SpanParent;
  declare sqliteRunner: QueryRunner | null;

  override createQueryRunner(mode?: ReplicationMode): QueryRunner {
    return this.sqliteRunner ?? super.createQueryRunner(mode);
  }
}
