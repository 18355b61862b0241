/*
 * `npm run bench:charts [-- --copy-to docs/benchmarks]`: the charts of every
 * bench that has them (bench/support/charts.ts), from the latest results file
 * of each in dist/bench-results/ (by the `at` it records), written beside the
 * results and, with --copy-to, into that folder too (relative to the repository)
 * for committing. A bench without a results file is skipped with a line saying so.
 * Runs no bench.
 *
 *   --copy-to DIR   also write the SVGs into DIR (e.g. docs/benchmarks)
 *   --results DIR   read the results files from DIR instead (default dist/bench-results)
 */
import fs from "node:fs";
import path from "node:path";
import { helpRequested, stringArgument } from "./support/args";
import { CHART_SETS, writeCharts } from "./support/charts";
import { REPO_ROOT } from "./support/processes";
import { log } from "./support/report";

const argv = process.argv.slice(2);
const RESULTS_DIR = path.resolve(REPO_ROOT, stringArgument(argv, "results", path.join("dist", "bench-results")));
const COPY_TO = stringArgument(argv, "copy-to", "");

/** The newest of the results files matching `pattern`, by their recorded `at`. */
function latestResults(pattern: RegExp): { file: string; results: { at: string } } | undefined {
  const names = fs.existsSync(RESULTS_DIR) ? fs.readdirSync(RESULTS_DIR).filter((name) => pattern.test(name)) : [];
  const candidates = names.map((name) => {
    const file = path.join(RESULTS_DIR, name);
    return { file, results: JSON.parse(fs.readFileSync(file, "utf8")) as { at: string } };
  });
  return candidates.sort((a, b) => b.results.at.localeCompare(a.results.at))[0];
}

async function main(): Promise<void> {
  if (helpRequested(argv, __filename)) return;
  const folders = [RESULTS_DIR, ...(COPY_TO ? [path.resolve(REPO_ROOT, COPY_TO)] : [])];
  for (const set of CHART_SETS) {
    const latest = latestResults(set.resultsFile);
    if (!latest) {
      log(`${set.bench}: no ${path.relative(REPO_ROOT, RESULTS_DIR)}/${set.expected}, skipped`);
      continue;
    }
    const written = await writeCharts(set.charts(latest.results), folders);
    log(
      `${set.bench}: from ${path.relative(REPO_ROOT, latest.file)} (${latest.results.at}): ` +
        written.map((file) => path.relative(REPO_ROOT, file)).join(", "),
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
