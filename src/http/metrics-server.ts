import http from "node:http";
import type { AddressInfo } from "node:net";
import type { MetricsRequestHandler } from "./metrics-endpoint";
import { httpServerOptions, type HttpTimeouts } from "./server-timeouts";

export interface MetricsServer {
  /** Where it serves GET /metrics: its bind address (localhost when it binds every interface) and port. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * METRICS_PORT: a server of its own that answers `GET /metrics` and 404 to
 * everything else, so the metrics can stay off the public port and be
 * reachable only where the scraper is (a firewall, METRICS_HOST=127.0.0.1).
 */
export async function startMetricsServer(options: {
  port: number;
  host: string | null;
  handle: MetricsRequestHandler;
  timeouts: HttpTimeouts;
}): Promise<MetricsServer> {
  const server = http.createServer(httpServerOptions(options.timeouts), (req, res) => {
    if (options.handle(req, res)) return;
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("Not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? undefined, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host === null ? "localhost" : options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A scraper keeps its connection alive between scrapes: close() alone would wait for it.
      server.closeAllConnections();
      await closed;
    },
  };
}
