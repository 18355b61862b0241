import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import type { App } from "../../src/app";
import { DEMO_CASTING_DIRECTOR, DEMO_TALENT } from "../../src/seed/demo-accounts";
import { contractOperation } from "../support/contract-operations";
import { postGraphQL } from "../support/graphql-http";
import { operationInComment } from "../support/playground-comment";
import { startTestApp, testConfig } from "../support/test-app";
import { createEmptyDatabase } from "../support/test-database";
import { launchChromium } from "./chromium";
import { GraphiQLPage } from "./graphiql-page";

/*
 * A developer's first minutes with the playground, in headless Chromium
 * against a real gateway holding the demo data: sign in from the IDE, put the
 * token in the Headers tab, run the Dashboard, and watch live counts change
 * when a casting director sends a message. Screenshots go to test-output/.
 */

const SCREENSHOTS = path.join(__dirname, "..", "..", "test-output");

interface Counts {
  newMessages: number;
  newInvitations: number;
  auditionRequests: number;
  draftApplications: number;
  newRolesMatched: number;
}
interface DashboardResult {
  data?: { dashboard: { atAGlance: Counts; applicationCounts: Record<string, number> } & Record<string, unknown> };
}

let app: App;
let removeDatabase: () => Promise<void>;
let browser: Browser;
let page: Page;
let graphiql: GraphiQLPage;
const consoleErrors: string[] = [];
const foreignRequests: string[] = [];

beforeAll(async () => {
  const database = await createEmptyDatabase();
  removeDatabase = database.remove;
  ({ app } = await startTestApp(testConfig(database.config, { SEED_DEMO_DATA: "true" })));
  expect(app.seededDemoData).toBe(true);

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  const origin = new URL(app.url).host;
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  page.on("request", (request) => {
    if (!request.url().startsWith(`http://${origin}/`) && !request.url().startsWith("data:")) {
      foreignRequests.push(request.url());
    }
  });
  page.on("websocket", (socket) => {
    if (!socket.url().startsWith(`ws://${origin}/`)) foreignRequests.push(socket.url());
  });
  graphiql = new GraphiQLPage(page);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await removeDatabase?.();
});

async function screenshot(name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `playground-${name}.png`) });
}

const NOTIFICATION_COUNTS = contractOperation("NotificationCounts");

describe("the playground in a browser", () => {
  let firstTab: string;
  let token: string;

  it("opens on the Dashboard operation, with the schema introspected for docs and completion", async () => {
    await graphiql.open(app.url);
    firstTab = await graphiql.text(graphiql.queryEditor);
    expect(firstTab).toMatch(/^# Talent Dashboard/);
    expect(firstTab).toContain("query Dashboard {");
    await expect(graphiql.headersEditor.isVisible()).resolves.toBe(true);
    // The second tab is the other side: the casting director's workspace.
    expect(await page.locator(".graphiql-tab").allInnerTexts()).toEqual(["Dashboard", "CastingWorkspace"]);

    await page.getByRole("button", { name: "Show Documentation Explorer" }).click();
    await page.locator(".graphiql-doc-explorer").getByText("Subscription", { exact: true }).waitFor();
    await page.getByRole("button", { name: "Hide Documentation Explorer" }).click();

    // Dialogs inject inline styles: the page's policy must allow them (a violation is a console error).
    await page.getByRole("button", { name: "Open settings dialog" }).click();
    await page.getByRole("dialog").waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog").waitFor({ state: "detached" });
  });

  it("signs in with the login mutation from the first tab's comment, in a new tab", async () => {
    await graphiql.openNewTab();
    await graphiql.typeOperation("Login", operationInComment(firstTab, "mutation", "Login"));
    await graphiql.run();
    const result = await graphiql.waitForResult<{ data?: { login: { token: string } } }>(
      (value) => typeof value.data?.login.token === "string",
      "a token",
    );
    token = result.data!.login.token;
  });

  it("runs the Dashboard with the bearer token from the Headers tab", async () => {
    await graphiql.selectTab(0);
    await graphiql.type(graphiql.headersEditor, JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
    await graphiql.run();
    const shown = await graphiql.waitForResult<DashboardResult>((value) => value.data !== undefined, "the dashboard");

    // The same operation from Node, with the same token: the page shows exactly the demo talent's dashboard.
    const expected = await postGraphQL(app.url, contractOperation("Dashboard"), {}, { token });
    expect(shown).toEqual({ data: expected.data });
    const { atAGlance, applicationCounts } = shown.data!.dashboard;
    expect(atAGlance.newMessages).toBeGreaterThan(0);
    expect(applicationCounts.all).toBeGreaterThan(0);
    await screenshot("dashboard");
  });

  it("follows notificationCounts over graphql-ws and shows the update after a casting director's message", async () => {
    await graphiql.openNewTab();
    await graphiql.type(graphiql.headersEditor, JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
    await graphiql.typeOperation("NotificationCounts", NOTIFICATION_COUNTS);
    await graphiql.run();
    type CountsResult = { data?: { notificationCounts: Counts } };
    const before = await graphiql.waitForResult<CountsResult>((value) => !!value.data, "the current counts");
    const newMessages = before.data!.notificationCounts.newMessages;

    await sendMessageToDemoTalent("Callback on Thursday at 10?");
    await graphiql.waitForResult<CountsResult>(
      (value) => value.data?.notificationCounts.newMessages === newMessages + 1,
      `newMessages ${newMessages + 1}`,
    );
    await screenshot("subscription");
    await graphiql.run(); // the same button now stops the subscription
  });

  it("presets the editors from ?query= and ?headers= in the URL", async () => {
    const link = new URL(app.url);
    link.searchParams.set("query", "query Me { viewer { name accountType } }");
    link.searchParams.set("headers", JSON.stringify({ Authorization: `Bearer ${token}` }));
    await graphiql.open(link.href);
    await page.locator(".graphiql-tab-active").getByText("Me", { exact: true }).waitFor();
    await graphiql.run();
    await graphiql.waitForResult<{ data?: { viewer: { name: string } } }>(
      (value) => value.data?.viewer.name === DEMO_TALENT.name,
      DEMO_TALENT.name,
    );
  });

  it("loaded nothing from anywhere but the gateway, and logged no error", () => {
    expect(foreignRequests).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });
});

async function sendMessageToDemoTalent(body: string): Promise<void> {
  const talent = await postGraphQL<{ login: { user: { id: string } } }>(
    app.url,
    "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }",
    { email: DEMO_TALENT.email, password: DEMO_TALENT.password },
  );
  const director = await postGraphQL<{ login: { token: string } }>(
    app.url,
    "mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }",
    { email: DEMO_CASTING_DIRECTOR.email, password: DEMO_CASTING_DIRECTOR.password },
  );
  const sent = await postGraphQL(
    app.url,
    "mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }",
    { input: { toUserId: talent.data!.login.user.id, body } },
    { token: director.data!.login.token },
  );
  expect(sent.errors).toBeUndefined();
}
