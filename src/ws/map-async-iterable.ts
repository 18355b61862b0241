/**
 * Maps each value of an async iterable, passing `return` through so that a
 * client that unsubscribes releases the source (its bus subscription) at once.
 */
export function mapAsyncIterable<T, U>(
  iterable: AsyncIterable<T>,
  map: (value: T) => Promise<U> | U,
): AsyncIterableIterator<U> {
  const iterator = iterable[Symbol.asyncIterator]();
  const closeSource = async () => {
    try {
      await iterator.return?.();
    } catch {
      // The source is being abandoned; its own cleanup already ran or cannot.
    }
  };
  const mapResult = async (result: IteratorResult<T>): Promise<IteratorResult<U>> => {
    if (result.done) return { value: undefined, done: true };
    try {
      return { value: await map(result.value), done: false };
    } catch (error) {
      await closeSource();
      throw error;
    }
  };
  return {
    async next() {
      return mapResult(await iterator.next());
    },
    async return() {
      await closeSource();
      return { value: undefined, done: true };
    },
    async throw(error: unknown) {
      await closeSource();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
