// @ts-check
/*
 * Bundles the playground (GraphiQL, React, the graphql-ws client) into static
 * files the gateway serves itself: one script, one stylesheet (its fonts are
 * inlined), and the page that loads them. Nothing is fetched from a CDN.
 *
 * `npm run build:playground` runs this; `npm run build` and the test suites'
 * global setup call `buildPlaygroundIfStale()`.
 */
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const PROJECT_ROOT = path.resolve(__dirname, "..");
const SOURCE_DIR = path.join(__dirname, "src");
/** Where the gateway looks for the bundle (see src/http/playground-assets.ts). */
const OUTPUT_DIR = path.join(PROJECT_ROOT, "dist", "playground");
/** The URL path the gateway serves OUTPUT_DIR under (see src/http/playground.ts). */
const ASSETS_URL_PATH = "/graphql/playground";
const PAGE_FILE = "index.html";

/** Builds the bundle into dist/playground/ and returns the files written. */
async function buildPlayground() {
  const result = await esbuild.build({
    entryPoints: { playground: path.join(SOURCE_DIR, "main.ts") },
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["chrome111", "firefox115", "safari16"],
    // Content-hashed names: the gateway serves them as immutable, cached for a year.
    entryNames: "[name]-[hash]",
    define: { "process.env.NODE_ENV": '"production"' },
    loader: { ".graphql": "text" },
    outdir: OUTPUT_DIR,
    write: false,
    logLevel: "warning",
  });

  const assets = result.outputFiles.map((file) => path.basename(file.path));
  const script = assets.find((name) => name.endsWith(".js"));
  const stylesheet = assets.find((name) => name.endsWith(".css"));
  if (!script || !stylesheet) throw new Error(`esbuild wrote no script or stylesheet: ${assets.join(", ")}`);

  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  writeAtomically(path.join(OUTPUT_DIR, PAGE_FILE), page(script, stylesheet));
  removeAllBut(OUTPUT_DIR, [...assets, PAGE_FILE]);
  return [...assets, PAGE_FILE];
}

/** Builds unless dist/playground/ is newer than every source (keeps test start-up fast). */
async function buildPlaygroundIfStale() {
  const pagePath = path.join(OUTPUT_DIR, PAGE_FILE);
  if (fs.existsSync(pagePath) && newestSourceTime() <= fs.statSync(pagePath).mtimeMs) return false;
  await buildPlayground();
  return true;
}

/** @param {string} script @param {string} stylesheet */
function page(script, stylesheet) {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Talent Dashboard · GraphQL playground</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${ASSETS_URL_PATH}/${stylesheet}" />
    <script defer src="${ASSETS_URL_PATH}/${script}"></script>
  </head>
  <body>
    <div id="playground"></div>
  </body>
</html>
`;
}

/** Readers (a running gateway, a concurrent build) never see a half-written file. */
function writeAtomically(/** @type {string} */ file, /** @type {string | Uint8Array} */ contents) {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents);
  fs.renameSync(temporary, file);
}

/** Drops the bundles of earlier builds (their hashed names differ). */
function removeAllBut(/** @type {string} */ dir, /** @type {string[]} */ keep) {
  for (const name of fs.readdirSync(dir)) {
    if (!keep.includes(name) && !name.endsWith(".tmp")) fs.rmSync(path.join(dir, name), { force: true });
  }
}

function newestSourceTime() {
  const sources = [__filename, path.join(PROJECT_ROOT, "package-lock.json")];
  for (const name of fs.readdirSync(SOURCE_DIR)) sources.push(path.join(SOURCE_DIR, name));
  return Math.max(...sources.filter((file) => fs.existsSync(file)).map((file) => fs.statSync(file).mtimeMs));
}

module.exports = { buildPlayground, buildPlaygroundIfStale };

if (require.main === module) {
  const started = Date.now();
  buildPlayground().then(
    (files) => console.log(`playground bundle: ${files.join(", ")} in dist/playground/ (${Date.now() - started} ms)`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
