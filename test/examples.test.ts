import { ApplicationStatus } from "../entities";
import { DEFAULTS } from "../examples/dashboard-client.cli";
import { runDashboardClient } from "../examples/dashboard-client";
import { DEMO_TALENT } from "../src/seed/demo-accounts";
import { SendMessageDocument, SignUpDocument } from "./generated/operations";
import { request } from "./support/graphql-http";
import { useGateway } from "./support/use-gateway";

/*
 * examples/dashboard-client.ts against a real gateway that runs only trusted
 * documents (as in production): it signs in with a password, prints the
 * dashboard, and prints the live counts when a casting director's message
 * arrives, until it is stopped, sending every document by its hash.
 */

const gateway = useGateway({ env: { TRUSTED_DOCUMENTS: "require" } });
const EMAIL = `example-${Date.now()}@talent.test`;
const PASSWORD = "a-password-long-enough";

async function waitForLine(lines: string[], expected: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!lines.includes(expected)) {
    if (Date.now() > deadline)
      throw new Error(`never printed ${JSON.stringify(expected)}; printed:\n${lines.join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the dashboard client example", () => {
  it("defaults to the local gateway and the demo talent that npm start seeds", () => {
    expect(DEFAULTS).toEqual({
      url: "http://localhost:4000/graphql",
      email: DEMO_TALENT.email,
      password: DEMO_TALENT.password,
    });
  });

  it("signs in, prints the dashboard, then each live update until stopped", async () => {
    const signedUp = await request(gateway.app.url, SignUpDocument, {
      input: { email: EMAIL, password: PASSWORD, name: "Robin Example", accountType: "TALENT" },
    });
    const talentId = Number(signedUp.data!.signUp.user.id);
    const director = await gateway.fixtures.director("Dana Director");
    const production = await gateway.fixtures.production(director.user.id, { title: "Night Ferry" });
    const role = await gateway.fixtures.role(production.id, { name: "Deckhand" });
    await gateway.fixtures.application(talentId, role.id, ApplicationStatus.SUBMITTED);
    await gateway.fixtures.message(director.user.id, talentId, { body: "Thanks for applying!" });

    const lines: string[] = [];
    const stop = new AbortController();
    const running = runDashboardClient({
      url: gateway.app.url,
      email: EMAIL,
      password: PASSWORD,
      log: (line) => lines.push(line),
      signal: stop.signal,
    });

    const countsWith = (newMessages: number) =>
      `${newMessages} new message${newMessages === 1 ? "" : "s"}, 0 new invitations, 0 audition requests, ` +
      "0 draft applications, 0 new matching roles";
    await waitForLine(lines, `live: ${countsWith(1)}`);
    expect(lines).toEqual([
      `Signed in as Robin Example (${EMAIL})`,
      "",
      `At a glance: ${countsWith(1)}`,
      "",
      "Applications (1):",
      "  SUBMITTED Deckhand · Night Ferry",
      "",
      "Recent messages (1):",
      "  * Dana Director: Thanks for applying!",
      "",
      "Following live counts (Ctrl-C to stop)…",
      `live: ${countsWith(1)}`,
    ]);

    const sent = await request(
      gateway.app.url,
      SendMessageDocument,
      { input: { toUserId: String(talentId), body: "Callback on Thursday?" } },
      { token: director.token },
    );
    expect(sent.errors).toBeUndefined();
    await waitForLine(lines, `live: ${countsWith(2)}`);

    stop.abort();
    await expect(running).resolves.toBeUndefined();
  });

  it("fails with the gateway's message when the password is wrong", async () => {
    await expect(
      runDashboardClient({ url: gateway.app.url, email: EMAIL, password: "wrong-password", log: () => undefined }),
    ).rejects.toThrow("Invalid email or password");
  });
});
