import type { AfterQueryEvent, BeforeQueryEvent, EntitySubscriberInterface, QueryRunner } from "typeorm";

/** Called once per SQL statement, with how long the database took to answer it. */
export type StatementObserver = (seconds: number, succeeded: boolean) => void;

/**
 * A TypeORM subscriber that times every statement from the moment its
 * connection is held (TypeORM broadcasts BeforeQuery after taking it from the
 * pool, so the pool's wait is not included) to its answer, with the clock's
 * full resolution: TypeORM's own `executionTime` is whole milliseconds, and
 * absent on failures. A query runner answers its statements in the order it
 * sent them (one connection), so the start times wait in a queue per runner.
 */
export function statementTimer(observe: StatementObserver): EntitySubscriberInterface {
  const started = new WeakMap<QueryRunner, bigint[]>();
  return {
    beforeQuery({ queryRunner }: BeforeQueryEvent) {
      const queue = started.get(queryRunner);
      if (queue) queue.push(process.hrtime.bigint());
      else started.set(queryRunner, [process.hrtime.bigint()]);
    },
    afterQuery({ queryRunner, success }: AfterQueryEvent) {
      const start = started.get(queryRunner)?.shift();
      if (start === undefined) return;
      observe(Number(process.hrtime.bigint() - start) / 1e9, success);
    },
  };
}
