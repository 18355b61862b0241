import WebSocket from "ws";
import { useRestartableGateway } from "../support/restartable-gateway";

/* The harness the client examples' restart tests stand on: a restart closes sockets 1012, and downtime refuses. */

const gateway = useRestartableGateway();
const health = () => fetch(new URL("/health/live", gateway.url)).then((response) => response.status);

describe("a restartable gateway", () => {
  it("closes websockets 1012, refuses while down, and comes back on the same URL", async () => {
    const url = gateway.url;
    const socket = new WebSocket(url.replace(/^http/, "ws"), "graphql-transport-ws");
    await new Promise((resolve) => socket.once("open", resolve));
    const closed = new Promise<number>((resolve) => socket.once("close", (code) => resolve(code)));

    await gateway.down();
    expect(await closed).toBe(1012);
    await expect(health()).rejects.toThrow();

    await gateway.up();
    expect(gateway.url).toBe(url);
    expect(await health()).toBe(200);
  });
});
