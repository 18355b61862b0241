import http from "node:http";
import type { AddressInfo } from "node:net";
import type { MetricsRequestHandler } from "./metrics-endpoint";
import { httpServerOptions, type HttpTimeouts } from "./server-timeouts";

export interface MetricsServer {
  /** The port it listens on (METRICS_PORT, or the one picked for 0). */
  readonly port: number;
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
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // A scraper keeps its connection alive between scrapes: close() alone would wait for it.
      server.closeAllConnections();
      await closed;
    },
  };
}
