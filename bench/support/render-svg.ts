import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { TopLevelSpec } from "vega-lite";

/*
 * vega and vega-lite are ES modules with top-level await: this CommonJS
 * project cannot require() them, and jest (without --experimental-vm-modules)
 * cannot import() them either. A worker thread is plain Node, so it imports
 * them, compiles each vega-lite spec to vega, and renders it headless
 * (View#toSVG needs no canvas), the same way in a bench and in a test.
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const vega = await import(workerData.vega);
  const vegaLite = await import(workerData.vegaLite);
  const svgs = [];
  for (const spec of workerData.specs) {
    const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
    svgs.push(await view.toSVG());
    view.finalize();
  }
  parentPort.postMessage(svgs);
})().catch((error) => {
  throw error;
});
`;

/** Each vega-lite spec as an SVG document, in the order given. */
export function renderSvgs(specs: readonly TopLevelSpec[]): Promise<string[]> {
  const workerData = {
    vega: pathToFileURL(require.resolve("vega")).href,
    vegaLite: pathToFileURL(require.resolve("vega-lite")).href,
    specs,
  };
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData });
    worker.once("message", (svgs: string[]) => resolve(svgs));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the chart worker exited with code ${code} before answering`)));
  });
}
