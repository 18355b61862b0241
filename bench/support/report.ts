import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chartSetFor, writeCharts, type Host } from "./charts";
import { REPO_ROOT } from "./processes";

/** A progress line with the time of day, so a long run shows where it spends its minutes. */
export function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/** The machine a bench ran on, recorded with its results (chart subtitles say it). */
export function describeHost(): Host {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown CPU",
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
  };
}

/**
 * Ends a bench run the same way for every bench: the results as JSON under
 * dist/bench-results/, the bench's charts beside them (bench/support/charts.ts)
 * when it has any, how long it took, and a non-zero exit when anything failed.
 * A chart that cannot be drawn is reported, but leaves the results and the exit code alone.
 */
export async function finishBench(run: {
  resultsFile: string;
  results: object;
  problems: string[];
  started: number;
}): Promise<void> {
  fs.mkdirSync(path.dirname(run.resultsFile), { recursive: true });
  const written = { at: new Date().toISOString(), host: describeHost(), ...run.results, problems: run.problems };
  fs.writeFileSync(run.resultsFile, JSON.stringify(written, null, 2));
  const seconds = ((Date.now() - run.started) / 1000).toFixed(0);
  log(`results written to ${path.relative(REPO_ROOT, run.resultsFile)}; took ${seconds} s`);
  const chartSet = chartSetFor(run.resultsFile);
  if (chartSet) {
    try {
      const files = await writeCharts(chartSet.charts(written), [path.dirname(run.resultsFile)]);
      log(`charts written: ${files.map((file) => path.relative(REPO_ROOT, file)).join(", ")}`);
    } catch (error) {
      log(`charts not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (run.problems.length > 0) {
    console.error(`\nFAILED:\n- ${run.problems.join("\n- ")}`);
    process.exitCode = 1;
  }
}
