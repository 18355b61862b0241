import fs from "node:fs";
import path from "node:path";

/** The page and the files it loads, as `npm run build:playground` writes them. */
export interface PlaygroundAssets {
  /** dist/playground/, served as static, content-hashed files. */
  readonly directory: string;
  /** The page's HTML, or null while the bundle has not been built. */
  page(): string | null;
}

/**
 * Finds dist/playground/ from the project root (the nearest folder with a
 * package.json), the same from src/ under ts-jest and from dist/src/ when
 * compiled. The page is read on each request, not kept: a rebuild replaces the
 * hashed files it names, and a running gateway must point at the new ones.
 */
export function findPlaygroundAssets(): PlaygroundAssets {
  const directory = path.join(projectRoot(__dirname), "dist", "playground");
  return {
    directory,
    page() {
      try {
        return fs.readFileSync(path.join(directory, "index.html"), "utf8");
      } catch {
        return null;
      }
    },
  };
}

function projectRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${start}`);
  }
}
