// @ts-check
/*
 * Bundles the live widget (widget.ts with the graphql-ws client, and its
 * stylesheet) into dist/examples/live-widget/, beside a copy of index.html:
 * static files any web server, or the file system, can serve.
 *
 * `npm run build:widget` runs this; the browser tests' global setup calls
 * `buildLiveWidgetIfStale()`.
 */
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const PROJECT_ROOT = path.resolve(__dirname, "..", "..");
const OUTPUT_DIR = path.join(PROJECT_ROOT, "dist", "examples", "live-widget");
const PAGE_FILE = "index.html";

/** Builds the bundle into dist/examples/live-widget/ and returns the files written. */
async function buildLiveWidget() {
  const result = await esbuild.build({
    entryPoints: [path.join(__dirname, "widget.ts"), path.join(__dirname, "widget.css")],
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["chrome111", "firefox115", "safari16"],
    define: { "process.env.NODE_ENV": '"production"' },
    outdir: OUTPUT_DIR,
    write: false,
    logLevel: "warning",
  });

  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  // The page last: its time is what buildLiveWidgetIfStale compares.
  writeAtomically(path.join(OUTPUT_DIR, PAGE_FILE), fs.readFileSync(path.join(__dirname, PAGE_FILE)));
  return [...result.outputFiles.map((file) => path.basename(file.path)), PAGE_FILE];
}

/** Builds unless dist/examples/live-widget/ is newer than every source. */
async function buildLiveWidgetIfStale() {
  const pagePath = path.join(OUTPUT_DIR, PAGE_FILE);
  if (fs.existsSync(pagePath) && newestSourceTime() <= fs.statSync(pagePath).mtimeMs) return false;
  await buildLiveWidget();
  return true;
}

/** Readers (a page being served, a concurrent build) never see a half-written file. */
function writeAtomically(/** @type {string} */ file, /** @type {string | Uint8Array} */ contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

function newestSourceTime() {
  const sources = [path.join(PROJECT_ROOT, "package-lock.json")];
  for (const dir of [__dirname, path.join(__dirname, "generated")]) {
    for (const name of fs.readdirSync(dir)) sources.push(path.join(dir, name));
  }
  return Math.max(...sources.filter((file) => fs.statSync(file).isFile()).map((file) => fs.statSync(file).mtimeMs));
}

module.exports = { buildLiveWidget, buildLiveWidgetIfStale, OUTPUT_DIR };

if (require.main === module) {
  const started = Date.now();
  buildLiveWidget().then(
    (files) =>
      console.log(
        `live widget: ${files.join(", ")} in ${path.relative(PROJECT_ROOT, OUTPUT_DIR)}/ (${Date.now() - started} ms)`,
      ),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
