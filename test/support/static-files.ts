import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

/*
 * A static file server for the browser tests: serves one folder on
 * 127.0.0.1, a port of its own, so a page it serves runs on another origin
 * than the gateway (http://localhost:<port>), as a web app does.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
};

export interface StaticFiles {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  close(): Promise<void>;
}

export async function serveStaticFiles(folder: string): Promise<StaticFiles> {
  const root = path.resolve(folder);
  const server = http.createServer((request, response) => {
    const { pathname } = new URL(request.url ?? "/", "http://static.invalid");
    const file = path.join(root, decodeURIComponent(pathname));
    const type = CONTENT_TYPES[path.extname(file)];
    if (request.method !== "GET" || !file.startsWith(root + path.sep) || !type || !fs.existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
