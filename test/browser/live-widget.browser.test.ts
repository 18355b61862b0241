import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { print, type DocumentNode } from "graphql";
import type { Browser, Page } from "playwright-core";
import {
  WidgetAuditionRequestsDocument,
  WidgetCountsDocument,
  WidgetInvitationsDocument,
  WidgetMessagesDocument,
  WidgetSignInDocument,
} from "../../examples/live-widget/generated/operations";
import { Message } from "../../entities";
import { transaction } from "../../src/db/transaction";
import { appendToOutbox } from "../../src/outbox/append-to-outbox";
import type { App } from "../../src/app";
import type { Config } from "../../src/config";
import {
  AddRoleDocument,
  CreateProductionDocument,
  InviteToApplyDocument,
  RequestAuditionDocument,
  SaveDraftApplicationDocument,
  SendMessageDocument,
  SignUpDocument,
  SubmitApplicationDocument,
} from "../generated/operations";
import { daysFromNow } from "../support/fixtures";
import { request, type GraphQLResponse } from "../support/graphql-http";
import { serveStaticFiles, type StaticFiles } from "../support/static-files";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";
import { launchChromium } from "./chromium";

/*
 * examples/live-widget/ in headless Chromium, served from an origin of its own,
 * against a real gateway that runs only trusted documents (as in production):
 * a talent signs in from the page, a casting director's message and invitation
 * sent from Node change the badges without a reload, and the page rides out a
 * gateway restart (1012) on the same port and database, the message sent while
 * it was down listed after it (resumed from the widget's last streamCursor).
 * When the gateway stops
 * accepting the token (another signing secret, then an expired session), the
 * page says so and stops reconnecting. The global setup builds the bundle.
 */

const WIDGET_DIR = path.join(__dirname, "..", "..", "dist", "examples", "live-widget");
const SCREENSHOTS = path.join(__dirname, "..", "..", "test-output");
const PASSWORD = "a-password-long-enough";
const EMAIL = `widget-${Date.now()}@talent.test`;
/** Another gateway's signing secret: the tokens of the first are forged to it. */
const ROTATED_JWT_SECRET = "a-rotated-secret-that-is-long-enough-for-production";
/** Failed websocket connections while the gateway is down: Chromium logs each one, and that is expected. */
const REFUSED_CONNECTION = /^WebSocket connection to 'ws:\/\/localhost:\d+\/graphql' failed/;

interface Counts {
  newMessages: number;
  newInvitations: number;
  auditionRequests: number;
  draftApplications: number;
  newRolesMatched: number;
}

/** What a person reads in the badges, in the page's order. */
function badgeTexts(counts: Counts): string[] {
  const badge = (count: number, one: string, other: string) => `${count} ${count === 1 ? one : other}`;
  return [
    badge(counts.newMessages, "new message", "new messages"),
    badge(counts.newInvitations, "new invitation", "new invitations"),
    badge(counts.auditionRequests, "audition request", "audition requests"),
    badge(counts.draftApplications, "draft application", "draft applications"),
    badge(counts.newRolesMatched, "new role matched", "new roles matched"),
  ];
}

interface PageSocket {
  url: string;
  sent: string[];
  closed: boolean;
}

let database: TestDatabase;
/** Every gateway of this file runs on this config: one port, one database. */
let config: Config;
let app: App;
let widget: StaticFiles;
let browser: Browser;
let page: Page;
let gatewayOrigin: string;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];
const postBodies: unknown[] = [];
const sockets: PageSocket[] = [];
let loads = 0;

beforeAll(async () => {
  database = await createTestDatabase();
  const firstConfig = testConfig(database.config, { TRUSTED_DOCUMENTS: "require" });
  ({ app } = await startTestApp(firstConfig));
  config = { ...firstConfig, port: Number(new URL(app.url).port) };
  gatewayOrigin = new URL(app.url).host;
  widget = await serveStaticFiles(WIDGET_DIR);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 470 }, deviceScaleFactor: 2 });
  page.on("console", (message) => {
    if (message.type() === "error" && !REFUSED_CONNECTION.test(message.text())) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("load", () => (loads += 1));
  page.on("request", (sent) => {
    const url = sent.url();
    if (url.startsWith(`http://${gatewayOrigin}/`)) {
      if (sent.method() === "POST") postBodies.push(sent.postDataJSON());
    } else if (!url.startsWith(`${widget.origin}/`) && !url.startsWith("data:")) {
      foreignRequests.push(url);
    }
  });
  page.on("websocket", (socket) => {
    if (!socket.url().startsWith(`ws://${gatewayOrigin}/`)) foreignRequests.push(socket.url());
    const tracked: PageSocket = { url: socket.url(), sent: [], closed: false };
    sockets.push(tracked);
    socket.on("framesent", (frame) => tracked.sent.push(String(frame.payload)));
    socket.on("close", () => (tracked.closed = true));
  });
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await widget?.close();
  await app?.stop();
  await database?.drop();
});

/** Reads until `read` returns `expected`; fails with the last value read. */
async function eventually<T>(what: string, read: () => Promise<T>, expected: T, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  do {
    last = await read();
    if (isDeepStrictEqual(last, expected)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  } while (Date.now() < deadline);
  throw new Error(`${what} never became ${JSON.stringify(expected)}; it is ${JSON.stringify(last)}`);
}

const status = async () => (await page.getByRole("status").textContent())?.trim();
const badges = async () =>
  (await page.locator("ul.badges").getByRole("listitem").allTextContents()).map((text) =>
    text.replace(/\s+/g, " ").trim(),
  );
/** The "Latest" list, newest first. */
const latest = async () =>
  (await page.locator("#latest").getByRole("listitem").allTextContents()).map((text) => text.trim());

function expectOk<T>(response: GraphQLResponse<T>): T {
  expect(response.errors).toBeUndefined();
  return response.data!;
}

function sha256OfPrinted(document: DocumentNode): string {
  return createHash("sha256").update(print(document)).digest("hex");
}

async function signInOnThePage(password: string): Promise<void> {
  await page.getByLabel("Email").fill(EMAIL);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("the live widget in a browser", () => {
  let talentId: string;
  let directorId: number;
  let directorToken: string;
  let roleIds: string[];
  const initial: Counts = {
    newMessages: 3,
    newInvitations: 2,
    auditionRequests: 1,
    draftApplications: 4,
    newRolesMatched: 5,
  };

  beforeAll(async () => {
    // Every row through the gateway's own (trusted) operations, as the platform would write them.
    const director = expectOk(
      await request(app.url, SignUpDocument, {
        input: {
          email: `director-${EMAIL}`,
          password: PASSWORD,
          name: "Dana Director",
          accountType: "CASTING_DIRECTOR",
        },
      }),
    ).signUp;
    directorId = Number(director.user.id);
    directorToken = director.token;
    const talent = expectOk(
      await request(app.url, SignUpDocument, {
        input: { email: EMAIL, password: PASSWORD, name: "Robin Widget", accountType: "TALENT" },
      }),
    ).signUp;
    talentId = talent.user.id;
    const asDirector = { token: director.token };
    const asTalent = { token: talent.token };

    const production = expectOk(
      await request(
        app.url,
        CreateProductionDocument,
        { input: { title: "Night Ferry", expiresAt: daysFromNow(30).toISOString() } },
        asDirector,
      ),
    ).createProduction;
    roleIds = [];
    for (let n = 1; n <= 12; n += 1) {
      const role = await request(
        app.url,
        AddRoleDocument,
        { input: { productionId: production.id, name: `Role ${n}` } },
        asDirector,
      );
      roleIds.push(expectOk(role).addRole.id);
    }
    // Roles 1-4: drafts. Role 5: submitted, with a self-tape request. Roles 6-7: invitations. 8-12: new matches.
    for (const roleId of roleIds.slice(0, 4)) {
      expectOk(await request(app.url, SaveDraftApplicationDocument, { input: { roleId } }, asTalent));
    }
    const draft = expectOk(
      await request(app.url, SaveDraftApplicationDocument, { input: { roleId: roleIds[4]! } }, asTalent),
    );
    const applicationId = draft.saveDraftApplication.id;
    expectOk(await request(app.url, SubmitApplicationDocument, { id: applicationId }, asTalent));
    expectOk(
      await request(
        app.url,
        RequestAuditionDocument,
        { input: { applicationId, dueAt: daysFromNow(7).toISOString(), instructions: "Scene 3, one take" } },
        asDirector,
      ),
    );
    for (const roleId of roleIds.slice(5, 7)) {
      expectOk(await request(app.url, InviteToApplyDocument, { input: { roleId, talentId } }, asDirector));
    }
    for (const body of ["Thanks for applying!", "Can you do a callback?", "Scene pages attached."]) {
      expectOk(await request(app.url, SendMessageDocument, { input: { toUserId: talentId, body } }, asDirector));
    }
  });

  it("shows the gateway's message when the password is wrong", async () => {
    await page.goto(`${widget.origin}/index.html#gateway=${encodeURIComponent(app.url)}`);
    await expect(status()).resolves.toBe("not signed in");
    await signInOnThePage("not-the-password");
    await page.getByRole("alert").getByText("Invalid email or password").waitFor();
    await expect(page.locator("ul.badges").isVisible()).resolves.toBe(false);
  });

  it("signs in from its form and shows the talent's five counts, live", async () => {
    await signInOnThePage(PASSWORD);
    await eventually("the badges", badges, badgeTexts(initial));
    await eventually("the status", status, "live");
    await page.getByText("Signed in as Robin Widget").waitFor();
    await expect(page.getByRole("button", { name: "Sign in" }).isVisible()).resolves.toBe(false);
    await expect(page.locator("ul.badges").getAttribute("aria-live")).resolves.toBe("polite");
  });

  it("sends each document by its hash only, and the token in connectionParams", () => {
    const signInHash = sha256OfPrinted(WidgetSignInDocument);
    expect(postBodies.at(-1)).toEqual({
      query: "",
      extensions: { persistedQuery: { version: 1, sha256Hash: signInHash } },
      variables: { email: EMAIL, password: PASSWORD },
    });
    expect(sockets).toHaveLength(1);
    const [init, ...subscribes] = sockets[0]!.sent.map((frame) => JSON.parse(frame) as Record<string, unknown>);
    expect(init).toEqual({
      type: "connection_init",
      payload: { authorization: expect.stringMatching(/^Bearer [\w-]+\.[\w-]+\.[\w-]+$/) },
    });
    const byHash = (document: DocumentNode, variables?: Record<string, unknown>) => ({
      id: expect.any(String),
      type: "subscribe",
      payload: {
        query: "",
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256OfPrinted(document) } },
        ...(variables && { variables }),
      },
    });
    // The item streams start from now (no cursor yet); each later reconnect sends its last streamCursor.
    expect(subscribes).toEqual([
      byHash(WidgetCountsDocument),
      byHash(WidgetMessagesDocument, { after: null }),
      byHash(WidgetInvitationsDocument, { after: null }),
      byHash(WidgetAuditionRequestsDocument, { after: null }),
    ]);
  });

  it("changes the badges to the new counts when a casting director sends a message and an invitation", async () => {
    const asDirector = { token: directorToken };
    expectOk(
      await request(
        app.url,
        SendMessageDocument,
        { input: { toUserId: talentId, body: "Callback Thursday?" } },
        asDirector,
      ),
    );
    const afterMessage = { ...initial, newMessages: 4 };
    await eventually("the badges after a message", badges, badgeTexts(afterMessage));
    await eventually("the latest items after a message", latest, ["Dana Director: Callback Thursday?"]);

    // An invitation to a role the talent was matched to: one more invitation, one new match fewer.
    expectOk(await request(app.url, InviteToApplyDocument, { input: { roleId: roleIds[7]!, talentId } }, asDirector));
    await eventually(
      "the badges after an invitation",
      badges,
      badgeTexts({ ...afterMessage, newInvitations: 3, newRolesMatched: 4 }),
    );
    await eventually("the latest items after an invitation", latest, [
      "Invitation to apply: Role 8",
      "Dana Director: Callback Thursday?",
    ]);

    expect(loads).toBe(1);
    expect(sockets).toHaveLength(1);
    await expect(status()).resolves.toBe("live");
    await page.screenshot({ path: path.join(SCREENSHOTS, "live-widget.png") });
  });

  it("shows reconnecting while the gateway restarts, then live with a change made while it was down", async () => {
    const shownBefore = await badges();
    const socketsBefore = sockets.length;
    await app.stop();
    await eventually("the status", status, "reconnecting…");
    // The last counts stay on screen, dimmed, while the page retries.
    await expect(badges()).resolves.toEqual(shownBefore);
    await expect(page.locator("#glance").getAttribute("class")).resolves.toContain("stale");
    await page.screenshot({ path: path.join(SCREENSHOTS, "live-widget-reconnecting.png") });

    // Sent while the gateway is down, as sendMessage writes it: the row and its event in one transaction. The
    // restarted gateway relays it before it accepts a connection, so only the widget's cursor brings it back.
    await transaction(database.dataSource, async (manager) => {
      const message = await manager.getRepository(Message).save({
        senderId: directorId,
        recipientId: Number(talentId),
        productionId: null,
        body: "Are you free Friday?",
        sentAt: new Date(),
        readAt: null,
      });
      await appendToOutbox(
        manager,
        [
          { type: "MESSAGE_SENT", messageId: message.id, recipientId: Number(talentId) },
          { type: "COUNTS_CHANGED", talentIds: [Number(talentId)] },
        ],
        new Date(),
      );
    });
    // At least one attempt failed against the stopped gateway (a browser reports it as an error event, not a close).
    await eventually(
      "a failed reconnection",
      async () => sockets.slice(socketsBefore).some((socket) => socket.closed),
      true,
    );
    await expect(status()).resolves.toBe("reconnecting…");

    ({ app } = await startTestApp(config));
    expect(new URL(app.url).port).toBe(String(config.port));
    await eventually("the status", status, "live");
    await eventually(
      "the badges after the restart",
      badges,
      badgeTexts({ ...initial, newMessages: 5, newInvitations: 3, newRolesMatched: 4 }),
    );
    await eventually("the latest items after the restart", latest, [
      "Dana Director: Are you free Friday?",
      "Invitation to apply: Role 8",
      "Dana Director: Callback Thursday?",
    ]);
    expect(loads).toBe(1);
  });

  it("signs out with its button: the socket closes and stays closed until the next sign-in", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(status()).resolves.toBe("signed out: you signed out");
    await expect(page.locator("ul.badges").isVisible()).resolves.toBe(false);
    await eventually("the socket closed", async () => sockets.at(-1)!.closed, true);
    const socketsAfterSignOut = sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(sockets.length).toBe(socketsAfterSignOut);

    await signInOnThePage(PASSWORD);
    await eventually("the status", status, "live");
    expect(sockets.length).toBe(socketsAfterSignOut + 1);
  });

  it("signs out for good when a restarted gateway no longer accepts the token, and signs in again", async () => {
    await app.stop();
    // Another signing secret: the page's token is now forged to this gateway. Its own tokens last 3 s.
    ({ app } = await startTestApp({ ...config, jwt: { ...config.jwt, secret: ROTATED_JWT_SECRET, ttlSeconds: 3 } }));
    await eventually("the status", async () => /^signed out: /.test((await status()) ?? ""), true);
    // A forged token closes with 4401 (an expired one would be 4403: "your session has expired").
    expect(await status()).toBe("signed out: the gateway did not accept your sign-in");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    await expect(page.locator("ul.badges").isVisible()).resolves.toBe(false);

    // No retry with the refused token: a retry would come within 2 s of the refusal.
    const socketsAfterRefusal = sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(sockets.length).toBe(socketsAfterRefusal);

    await signInOnThePage(PASSWORD);
    await eventually("the status", status, "live");
    await eventually(
      "the badges after signing in again",
      badges,
      badgeTexts({ ...initial, newMessages: 5, newInvitations: 3, newRolesMatched: 4 }),
    );
  });

  it("signs out when the session expires, and stops reconnecting", async () => {
    await eventually("the status", status, "signed out: your session has expired", 6_000);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    const socketsAfterExpiry = sockets.length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(sockets.length).toBe(socketsAfterExpiry);
    expect(loads).toBe(1);
  });

  it("loaded nothing but its own files and the gateway, and logged no error", () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});
