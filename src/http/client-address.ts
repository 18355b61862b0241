import type { IncomingMessage } from "node:http";

/** express's compiled `trust proxy` (`app.get("trust proxy fn")`): may this hop name the one before it? */
export type TrustProxyFn = (address: string, hop: number) => boolean;

/**
 * The client's address for an HTTP request or a websocket upgrade, as
 * express's `req.ip` computes it (proxy-addr's walk): from the TCP peer back
 * through X-Forwarded-For, as long as each hop is trusted. With nothing
 * trusted (the default) it is the TCP peer, and the header is ignored, so a
 * client cannot pick a fresh address per request.
 */
export function clientAddressOf(request: IncomingMessage, trust: TrustProxyFn): string | null {
  const peer = request.socket.remoteAddress;
  if (!peer) return null;
  const header = request.headers["x-forwarded-for"];
  const forwarded = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((address) => address.trim())
    .filter(Boolean)
    .reverse();
  const chain = [peer, ...forwarded];
  let hop = 0;
  while (hop < chain.length - 1 && trust(chain[hop]!, hop)) hop += 1;
  return chain[hop]!;
}
