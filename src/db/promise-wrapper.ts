import type mysql2 from "mysql2";

/**
 * TypeORM calls `connection.promise()` for every statement, and mysql2 answers
 * each call with a `require()` of its promise module (a path resolution, on
 * every call) and a new wrapper: an EventEmitter with two listeners of its
 * own. Five of each per Dashboard, for an object that holds nothing but the
 * connection and the Promise class. So each pool connection keeps the first
 * wrapper it made; one asked for with another Promise class is made as before.
 */
export function reusePromiseWrapper(connection: mysql2.PoolConnection): void {
  const makeWrapper = connection.promise;
  let wrapper: ReturnType<typeof makeWrapper> | undefined;
  connection.promise = function (this: mysql2.PoolConnection, promiseImpl?: PromiseConstructor) {
    if (promiseImpl !== undefined) return makeWrapper.call(this, promiseImpl);
    return (wrapper ??= makeWrapper.call(this));
  };
}
