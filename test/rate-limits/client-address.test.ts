import type { IncomingMessage } from "node:http";
import express from "express";
import { clientAddressOf, type TrustProxyFn } from "../../src/http/client-address";
import { addressKey } from "../../src/rate-limits/address-key";

/** express's own compiled trust function for a `trust proxy` value, as app.ts uses it. */
function trustOf(setting: unknown): TrustProxyFn {
  const app = express();
  app.set("trust proxy", setting);
  return app.get("trust proxy fn") as TrustProxyFn;
}

function upgrade(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
  } as unknown as IncomingMessage;
}

describe("clientAddressOf", () => {
  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddressOf(upgrade("203.0.113.7", "1.2.3.4"), trustOf(false))).toBe("203.0.113.7");
  });

  it("walks X-Forwarded-For back from the peer through trusted hops only", () => {
    const loopback = trustOf("loopback");
    expect(clientAddressOf(upgrade("127.0.0.1", "6.6.6.6, 192.0.2.5"), loopback)).toBe("192.0.2.5");
    expect(clientAddressOf(upgrade("127.0.0.1", "6.6.6.6, 127.0.0.1"), loopback)).toBe("6.6.6.6");
    expect(clientAddressOf(upgrade("203.0.113.9", "192.0.2.5"), loopback)).toBe("203.0.113.9");
    expect(clientAddressOf(upgrade("127.0.0.1", ["6.6.6.6", "192.0.2.5"]), loopback)).toBe("192.0.2.5");
    expect(clientAddressOf(upgrade("127.0.0.1"), loopback)).toBe("127.0.0.1");
  });

  it("trusts exactly as many hops as a hop count", () => {
    expect(clientAddressOf(upgrade("10.0.0.1", "6.6.6.6, 192.0.2.5"), trustOf(1))).toBe("192.0.2.5");
    expect(clientAddressOf(upgrade("10.0.0.1", "6.6.6.6, 192.0.2.5"), trustOf(2))).toBe("6.6.6.6");
  });

  it("trusts listed CIDRs", () => {
    const trust = trustOf(["10.0.0.0/8", "fd00::/8"]);
    expect(clientAddressOf(upgrade("10.4.5.6", "192.0.2.5"), trust)).toBe("192.0.2.5");
    expect(clientAddressOf(upgrade("fd12::1", "2001:db8::5"), trust)).toBe("2001:db8::5");
    expect(clientAddressOf(upgrade("11.0.0.1", "192.0.2.5"), trust)).toBe("11.0.0.1");
  });

  it("agrees with express's req.ip", async () => {
    const app = express();
    app.set("trust proxy", "loopback");
    const trust = app.get("trust proxy fn") as TrustProxyFn;
    app.get("/", (req, res) => {
      res.json({ ip: req.ip, ours: clientAddressOf(req, trust) });
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as { port: number };
    const answer = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6, 192.0.2.8" } });
    server.close();
    expect(await answer.json()).toEqual({ ip: "192.0.2.8", ours: "192.0.2.8" });
  });
});

describe("addressKey", () => {
  it("counts an IPv6 client per /64, however the address is written", () => {
    expect(addressKey("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:0db8:0001:0002:ffff:ffff:ffff:ffff")).toBe("2001:db8:1:2::/64");
    expect(addressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(addressKey("fe80::1%eth0")).toBe("fe80:0:0:0::/64");
    expect(addressKey("::1")).toBe("0:0:0:0::/64");
    // An embedded IPv4 tail takes the last two groups.
    expect(addressKey("2001:db8:1:2::192.0.2.1")).toBe("2001:db8:1:2::/64");
  });

  it("counts an IPv4-mapped address as the IPv4 address, and keeps IPv4 whole", () => {
    expect(addressKey("::ffff:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("::FFFF:192.0.2.1")).toBe("192.0.2.1");
    expect(addressKey("192.0.2.1")).toBe("192.0.2.1");
  });
});
