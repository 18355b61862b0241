import type http from "node:http";
import type { WebSocket } from "ws";
import { addressKey } from "../rate-limits/address-key";
import { CloseCodes } from "./close-codes";

/**
 * Open websockets per client address and per account, on this instance. A
 * socket counts from the moment it is admitted until it closes, however it
 * closes (client, server, timeout, a cut connection): ws emits `close` once for each.
 */
export interface ConnectionCaps {
  /** At the upgrade, before any message: closes the socket (4430) when its address holds its limit. */
  admitAddress(socket: WebSocket, request: http.IncomingMessage): boolean;
  /** At connection_init, once authenticated: closes the socket (4430) when the account holds its limit. */
  admitAccount(socket: WebSocket, accountId: number): boolean;
}

export function createConnectionCaps(limits: {
  perAddress: number;
  perAccount: number;
  /** The client's address behind an upgrade request (TRUST_PROXY decides), or null when gone. */
  clientAddress: (request: http.IncomingMessage) => string | null;
}): ConnectionCaps {
  const byAddress = new Map<string, number>();
  const byAccount = new Map<number, number>();

  function admit<K>(counts: Map<K, number>, key: K, limit: number, socket: WebSocket, what: string): boolean {
    if (socket.readyState !== socket.OPEN) return false;
    const open = counts.get(key) ?? 0;
    if (open >= limit) {
      socket.close(CloseCodes.TooManyConnections, `Too many connections from this ${what} (limit ${limit})`);
      return false;
    }
    counts.set(key, open + 1);
    // `on`, not `once`: ws emits `close` once per socket, and `once` adds a wrapper and a bound function to every open one.
    socket.on("close", () => {
      const left = (counts.get(key) ?? 1) - 1;
      if (left > 0) counts.set(key, left);
      else counts.delete(key);
    });
    return true;
  }

  return {
    admitAddress(socket, request) {
      const address = limits.clientAddress(request);
      // No address means the peer is already gone; there is nothing to count.
      if (address === null) return socket.readyState === socket.OPEN;
      return admit(byAddress, addressKey(address), limits.perAddress, socket, "address");
    },
    admitAccount(socket, accountId) {
      return admit(byAccount, accountId, limits.perAccount, socket, "account");
    },
  };
}
