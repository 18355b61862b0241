import type { DataSource } from "typeorm";

/** TypeORM's named parameter: `:name`, or `:...name` for a list spread into several placeholders. */
const NAMED_PARAMETER = /:(\.\.\.)?([A-Za-z0-9_.]+)/g;
/** The hand-written statements are a few dozen texts; past this many (never, unless a bug) the plans start again. */
const MAX_PLANS = 500;

/** Where a statement's `:name`s are, once found: the text with `?` in their place, and the names in order. */
interface StatementPlan {
  readonly expanded: string;
  /** The names replaced by a placeholder, in order: the parameters a call must have. */
  readonly names: readonly string[];
  /** Names the text holds that were no parameter when planned (left as they are): a call must not have them. */
  readonly untouched: readonly string[];
}

export type ExpandedStatement = [sql: string, values: unknown[]];

/**
 * TypeORM's MariaDB driver expands `:name` parameters with a regular
 * expression over the whole text on every call: the Dashboard's summary is
 * 4.8 KB of SQL, run on every request. On MariaDB the expansion depends only
 * on the text and on which names are parameters (each becomes `?`, its value
 * passed as it is), so it is worked out once per text and then only the values
 * are picked. Anything else goes to TypeORM as before: SQLite (its driver
 * writes numbers into the text and converts dates and booleans), a list
 * spread (`:...ids`, one placeholder per element), a function value (raw SQL),
 * or a call whose names differ from the planned call's.
 */
export function createStatementExpander(
  db: Pick<DataSource, "driver" | "options">,
): (sql: string, parameters: Record<string, unknown>) => ExpandedStatement {
  const viaTypeorm = (sql: string, parameters: Record<string, unknown>) =>
    db.driver.escapeQueryWithParameters(sql, parameters) as ExpandedStatement;
  if (db.options.type !== "mariadb" && db.options.type !== "mysql") return viaTypeorm;
  const plans = new Map<string, StatementPlan | null>();
  return (sql, parameters) => {
    let plan = plans.get(sql);
    if (plan === undefined) {
      plan = planOf(sql, parameters);
      if (plans.size >= MAX_PLANS) plans.clear();
      plans.set(sql, plan);
    }
    if (plan === null || !fits(plan, parameters)) return viaTypeorm(sql, parameters);
    const values = new Array<unknown>(plan.names.length);
    for (let i = 0; i < plan.names.length; i += 1) values[i] = parameters[plan.names[i]!];
    return [plan.expanded, values];
  };
}

/** The plan of `sql` as TypeORM would expand it with these parameters; null when it has a list spread. */
function planOf(sql: string, parameters: Record<string, unknown>): StatementPlan | null {
  const names: string[] = [];
  const untouched: string[] = [];
  let spread = false;
  const expanded = sql.replace(NAMED_PARAMETER, (full, isSpread: string | undefined, name: string) => {
    if (!Object.hasOwn(parameters, name)) {
      untouched.push(name);
      return full;
    }
    if (isSpread) spread = true;
    names.push(name);
    return "?";
  });
  return spread ? null : { expanded, names, untouched };
}

function fits(plan: StatementPlan, parameters: Record<string, unknown>): boolean {
  for (const name of plan.names) {
    if (!Object.hasOwn(parameters, name) || typeof parameters[name] === "function") return false;
  }
  for (const name of plan.untouched) if (Object.hasOwn(parameters, name)) return false;
  return true;
}
