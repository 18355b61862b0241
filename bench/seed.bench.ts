/*
 * `npm run bench:seed -- [--talents N]` (default 100000): creates the MariaDB
 * database `talent_bench_<N>` on BENCH_DATABASE_URL's server (default
 * mysql://root@127.0.0.1:3306/bench) and seeds it once; later runs reuse it.
 */
import "reflect-metadata";
import { ensureBenchDatabase } from "./support/bench-database";
import { helpRequested, talentsArgument } from "./support/args";

const argv = process.argv.slice(2);
if (!helpRequested(argv, __filename)) {
  ensureBenchDatabase(talentsArgument(argv, 100_000)).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
