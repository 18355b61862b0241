import fs from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "./processes";

/** A progress line with the time of day, so a long run shows where it spends its minutes. */
export function log(line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
}

/**
 * Ends a bench run the same way for every bench: the results as JSON under
 * dist/bench-results/, how long it took, and a non-zero exit when anything failed.
 */
export function finishBench(run: { resultsFile: string; results: object; problems: string[]; started: number }): void {
  fs.mkdirSync(path.dirname(run.resultsFile), { recursive: true });
  fs.writeFileSync(
    run.resultsFile,
    JSON.stringify({ at: new Date().toISOString(), ...run.results, problems: run.problems }, null, 2),
  );
  const seconds = ((Date.now() - run.started) / 1000).toFixed(0);
  log(`results written to ${path.relative(REPO_ROOT, run.resultsFile)}; took ${seconds} s`);
  if (run.problems.length > 0) {
    console.error(`\nFAILED:\n- ${run.problems.join("\n- ")}`);
    process.exitCode = 1;
  }
}
