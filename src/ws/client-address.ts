import type http from "node:http";

/**
 * The address of the client behind a websocket upgrade request: for now the
 * TCP peer's (behind a proxy, the proxy's). The one place to change when the
 * gateway learns which proxy headers to trust.
 */
export function clientAddressOf(request: http.IncomingMessage): string | null {
  return request.socket.remoteAddress ?? null;
}
