import { BENCH_SERVER_URL, connectTo } from "./bench-database";

const MIB = 1024 * 1024;
/** MariaDB resizes the pool in whole chunks (innodb_buffer_pool_chunk_size, 128 MiB by default). */
const CHUNK = 128 * MIB;

export interface BufferPoolSetting {
  /** The pool size during the run, and the one before it. */
  bytes: number;
  originalBytes: number;
  /** The bench databases' data and indexes, all together. */
  dataBytes: number;
  /** Puts the original size back. */
  restore(): Promise<void>;
}

/**
 * Makes InnoDB's buffer pool big enough to hold the bench databases, as a
 * production server would be sized for its data (the 128 MiB default holds a
 * fifth of the 100,000-talent database, so every statement there reads pages
 * the 1,000-talent one has in memory). `keep` measures with the pool as it is.
 */
export async function fitBufferPool(databaseNames: readonly string[], keep: boolean): Promise<BufferPoolSetting> {
  const connection = await connectTo(BENCH_SERVER_URL, true);
  try {
    const [[pool]] = (await connection.query("SELECT @@innodb_buffer_pool_size AS bytes")) as unknown as [
      Array<{ bytes: number | string }>,
    ];
    const [[data]] = (await connection.query(
      "SELECT COALESCE(SUM(data_length + index_length), 0) AS bytes FROM information_schema.tables WHERE table_schema IN (?)",
      [databaseNames],
    )) as unknown as [Array<{ bytes: number | string }>];
    const originalBytes = Number(pool.bytes);
    const dataBytes = Number(data.bytes);
    // Room for the data, a quarter more for growth and the server's own pages, in whole chunks.
    const wanted = Math.ceil((dataBytes * 1.25) / CHUNK) * CHUNK;
    if (keep || wanted <= originalBytes) {
      return { bytes: originalBytes, originalBytes, dataBytes, restore: async () => undefined };
    }
    await connection.query(`SET GLOBAL innodb_buffer_pool_size = ${wanted}`);
    return {
      bytes: wanted,
      originalBytes,
      dataBytes,
      restore: async () => {
        const restoring = await connectTo(BENCH_SERVER_URL, true);
        try {
          await restoring.query(`SET GLOBAL innodb_buffer_pool_size = ${originalBytes}`);
        } finally {
          await restoring.end();
        }
      },
    };
  } finally {
    await connection.end();
  }
}

export function describeBufferPool(setting: BufferPoolSetting): string {
  const size = (bytes: number) => `${Math.round(bytes / MIB)} MiB`;
  const changed = setting.bytes === setting.originalBytes ? "as found" : `raised from ${size(setting.originalBytes)}`;
  return `InnoDB buffer pool ${size(setting.bytes)} (${changed}) for ${size(setting.dataBytes)} of bench data and indexes`;
}
