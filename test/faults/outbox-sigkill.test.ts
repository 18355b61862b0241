import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { Client } from "graphql-ws";
import type { App } from "../../src/app";
import {
  DashboardDocument,
  InvitationsAfterDocument,
  InviteToApplyDocument,
  MessagesAfterDocument,
  MessagesWithStreamCursorDocument,
  NotificationCountsDocument,
  SendMessageDocument,
} from "../generated/operations";
import { fixtures, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { liveClient, subscribe, type TestSubscription } from "../support/live-client";
import { startTestApp, testConfig, testRedisUrl, TEST_JWT_SECRET } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * The built gateway as a real process takes the mutations and is SIGKILLed
 * after they commit and before anything relays them: it runs with
 * OUTBOX_RELAY=off, the switch that holds its relay back for good. The
 * subscribers sit on another instance, which does not relay either, so that
 * nothing can reach them before a third instance starts: its relay finds the
 * dead process's events in the outbox and delivers every one of them. Then
 * each talent resumes on that surviving instance, from the cursor of a list
 * read before the crash and from the last item it was pushed midway: the
 * resumed streams equal what the database holds.
 */

const MAIN = path.join(__dirname, "..", "..", "dist", "src", "main.js");
const PER_KIND = 4;

let database: TestDatabase;
let child: ChildProcess | null = null;
const apps: App[] = [];
const clients: Client[] = [];

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await Promise.all(clients.map((client) => client.dispose()));
  for (const app of apps.reverse()) await app.stop();
  await database?.drop();
});

/** Starts the built gateway on the test database and Redis; resolves with its URL once it is ready. */
async function spawnGateway(env: Record<string, string>): Promise<{ process: ChildProcess; url: string }> {
  const spawned = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env },
    // The log is on stdout (JSON or pretty lines); stderr is left to the terminal.
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let log = "";
    const timer = setTimeout(() => reject(new Error(`no ready line in: ${log}`)), 30_000);
    spawned.stdout!.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const ready = /gateway ready at (http:\/\/\S+)/.exec(log);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    });
  });
  return { process: spawned, url };
}

type Item = { id: string; streamCursor: string };

interface Watcher {
  talent: TestUser;
  /** A streamCursor from the talent's message list, read before anything was sent. */
  listCursor: string;
  messages: TestSubscription<{ messageReceived: Item }>;
  invitations: TestSubscription<{ invitationReceived: Item }>;
  counts: TestSubscription<{ notificationCounts: { newMessages: number; newInvitations: number } }>;
}

async function watch(url: string, talent: TestUser, listCursor: string): Promise<Watcher> {
  const client = liveClient(url, talent.token);
  clients.push(client);
  const watcher = {
    talent,
    listCursor,
    messages: subscribe(client, MessagesAfterDocument, { after: null }),
    invitations: subscribe(client, InvitationsAfterDocument, { after: null }),
    counts: subscribe(client, NotificationCountsDocument),
  };
  expect((await watcher.counts.next()).data!.notificationCounts).toMatchObject({ newMessages: 0, newInvitations: 0 });
  return watcher;
}

/** The talent's messages (from the director, with an event) and invitations, in the order they were committed. */
async function itemIdsInDatabase(database: TestDatabase, talentId: number) {
  const messages: Array<{ id: number }> = await database.dataSource.query(
    "SELECT id FROM messages WHERE recipientId = ? AND body LIKE 'Before the crash%' ORDER BY id",
    [talentId],
  );
  const invitations: Array<{ id: number }> = await database.dataSource.query(
    "SELECT id FROM invitations WHERE talentId = ? ORDER BY id",
    [talentId],
  );
  return { messages: messages.map((row) => String(row.id)), invitations: invitations.map((row) => String(row.id)) };
}

describe("a gateway killed with SIGKILL after its mutations commit, before it relays", () => {
  it("loses no event: another instance's relay delivers every one, streams resumed there from a cursor equal the database's items, and the counts equal it too", async () => {
    expect(fs.existsSync(MAIN)).toBe(true);
    database = await createTestDatabase();
    expect(database.config.kind).toBe("mysql");
    const config = testConfig(database.config, { OUTBOX_POLL_INTERVAL_MS: "100" });
    const notRelaying = { ...config, outbox: { ...config.outbox, relayEnabled: false } };
    const listening = (await startTestApp(notRelaying)).app;
    apps.push(listening);

    const f = fixtures(database.dataSource);
    const director = await f.director();
    const production = await f.production(director.user.id);
    const watchers: Watcher[] = [];
    for (const name of ["First", "Second"]) {
      const talent = await f.talent(name);
      // A message from before (a row only, no event; read, so no count changes), so the list has an item and its cursor.
      await f.message(director.user.id, talent.user.id, { body: "Before everything", readAt: new Date() });
      const list = await request(
        listening.url,
        MessagesWithStreamCursorDocument,
        { first: 1 },
        { token: talent.token },
      );
      watchers.push(await watch(listening.url, talent, list.data!.dashboard.messages.edges[0]!.node.streamCursor));
    }

    const doomed = await spawnGateway({
      NODE_ENV: "test",
      PORT: "0",
      DATABASE_URL: database.config.kind === "mysql" ? database.config.url : "",
      REDIS_URL: testRedisUrl!,
      REDIS_CHANNEL_PREFIX: config.redisChannelPrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      RATE_LIMITS: "off",
      OUTBOX_RELAY: "off",
    });
    child = doomed.process;
    const exited = new Promise((resolve) => doomed.process.once("exit", (_code, signal) => resolve(signal)));

    const sent = new Map<number, { messages: string[]; invitations: string[] }>();
    for (const { talent } of watchers) {
      const mine = { messages: [] as string[], invitations: [] as string[] };
      sent.set(talent.user.id, mine);
      for (let i = 0; i < PER_KIND; i += 1) {
        const message = await request(
          doomed.url,
          SendMessageDocument,
          { input: { toUserId: String(talent.user.id), body: `Before the crash ${i}` } },
          { token: director.token },
        );
        expect(message.errors).toBeUndefined();
        mine.messages.push(message.data!.sendMessage.id);
        const role = await f.role(production.id);
        const invitation = await request(
          doomed.url,
          InviteToApplyDocument,
          { input: { roleId: String(role.id), talentId: String(talent.user.id) } },
          { token: director.token },
        );
        expect(invitation.errors).toBeUndefined();
        mine.invitations.push(invitation.data!.inviteToApply.id);
      }
    }
    // Committed, not relayed: nobody has heard of them.
    for (const watcher of watchers) await watcher.messages.expectSilence(300);
    doomed.process.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");

    const [{ unrelayed }] = await database.dataSource.query(
      "SELECT COUNT(*) AS unrelayed FROM outbox_events WHERE relaySequence IS NULL",
    );
    // Per talent and round: MESSAGE_SENT, INVITATION_CREATED and a COUNTS_CHANGED for each.
    expect(Number(unrelayed)).toBe(watchers.length * PER_KIND * 4);

    const surviving = (await startTestApp(config)).app;
    apps.push(surviving);

    const midway = new Map<number, { message: Item; invitation: Item }>();
    for (const watcher of watchers) {
      const expected = sent.get(watcher.talent.user.id)!;
      const messages: Item[] = [];
      const invitations: Item[] = [];
      for (let i = 0; i < PER_KIND; i += 1) {
        messages.push((await watcher.messages.next(5_000)).data!.messageReceived);
        invitations.push((await watcher.invitations.next(5_000)).data!.invitationReceived);
      }
      expect(messages.map((item) => item.id)).toEqual(expected.messages);
      expect(invitations.map((item) => item.id)).toEqual(expected.invitations);
      midway.set(watcher.talent.user.id, { message: messages[1]!, invitation: invitations[1]! });

      const inDatabase = await request(listening.url, DashboardDocument, {}, { token: watcher.talent.token });
      const { newMessages, newInvitations } = inDatabase.data!.dashboard.atAGlance;
      expect([newMessages, newInvitations]).toEqual([PER_KIND, PER_KIND]);
      let last = watcher.counts.drain().at(-1);
      while (
        last?.data?.notificationCounts.newMessages !== newMessages ||
        last.data.notificationCounts.newInvitations !== newInvitations
      ) {
        last = await watcher.counts.next(5_000);
      }
      expect(last.data!.notificationCounts).toMatchObject({ newMessages, newInvitations });
    }
    for (const watcher of watchers) {
      await Promise.all([watcher.messages.expectSilence(300), watcher.invitations.expectSilence(0)]);
    }

    // Resumed on the surviving instance: from the list read before the crash, and from an item pushed midway.
    for (const watcher of watchers) {
      const { id } = watcher.talent.user;
      const inDatabase = await itemIdsInDatabase(database, id);
      expect(inDatabase).toEqual(sent.get(id));
      const client = liveClient(surviving.url, watcher.talent.token);
      clients.push(client);
      const fromList = subscribe(client, MessagesAfterDocument, { after: watcher.listCursor });
      const fromMidway = subscribe(client, MessagesAfterDocument, { after: midway.get(id)!.message.streamCursor });
      const invitationsFromMidway = subscribe(client, InvitationsAfterDocument, {
        after: midway.get(id)!.invitation.streamCursor,
      });
      const resumed = { fromList: [] as string[], fromMidway: [] as string[], invitations: [] as string[] };
      for (let i = 0; i < PER_KIND; i += 1) resumed.fromList.push((await fromList.next()).data!.messageReceived.id);
      for (let i = 2; i < PER_KIND; i += 1) {
        resumed.fromMidway.push((await fromMidway.next()).data!.messageReceived.id);
        resumed.invitations.push((await invitationsFromMidway.next()).data!.invitationReceived.id);
      }
      expect(resumed).toEqual({
        fromList: inDatabase.messages,
        fromMidway: inDatabase.messages.slice(2),
        invitations: inDatabase.invitations.slice(2),
      });
      await Promise.all([
        fromList.expectSilence(300),
        fromMidway.expectSilence(0),
        invitationsFromMidway.expectSilence(0),
      ]);
    }
    const [{ remaining }] = await database.dataSource.query(
      "SELECT COUNT(*) AS remaining FROM outbox_events WHERE relaySequence IS NULL",
    );
    expect(Number(remaining)).toBe(0);
  });
});
