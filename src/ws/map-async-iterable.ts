/**
 * Maps each value of an async iterable, passing `return` through so that a
 * client that unsubscribes releases the source (its bus subscription) at once.
 */
export function mapAsyncIterable<T, U>(
  iterable: AsyncIterable<T>,
  map: (value: T) => Promise<U> | U,
): AsyncIterableIterator<U> {
  return new MappedIterator(iterable[Symbol.asyncIterator](), map);
}

/**
 * A class rather than an object of closures: every subscription holds one for
 * as long as it runs, and its methods then live once on the prototype instead
 * of three closures and their context per subscriber.
 */
class MappedIterator<T, U> implements AsyncIterableIterator<U> {
  constructor(
    private readonly source: AsyncIterator<T>,
    private readonly map: (value: T) => Promise<U> | U,
  ) {}

  // `then`, not `async`/`await`: while it waits for the next event (most of a
  // subscription's life) an async function keeps a suspended frame and its
  // registers per subscriber.
  next(): Promise<IteratorResult<U>> {
    return this.source.next().then((result) => this.mapped(result));
  }

  async return(): Promise<IteratorResult<U>> {
    await this.closeSource();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<U>> {
    await this.closeSource();
    throw error;
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<U> {
    return this;
  }

  private async mapped(result: IteratorResult<T>): Promise<IteratorResult<U>> {
    if (result.done) return { value: undefined, done: true };
    try {
      return { value: await this.map(result.value), done: false };
    } catch (error) {
      await this.closeSource();
      throw error;
    }
  }

  private async closeSource(): Promise<void> {
    try {
      await this.source.return?.();
    } catch {
      // The source is being abandoned; its own cleanup already ran or cannot.
    }
  }
}
