import type { App } from "../../src/app";
import type { ExecutionPath } from "../../src/execution/execution-observer";
import { createFaultyStatements, connectionResetError, type FaultyStatements } from "../support/faulty-statements";
import { useFrozenClock } from "../support/frozen-clock";
import { gatewayManifestOperations, type ManifestOperation } from "../support/manifest-operations";
import { postForText } from "../support/raw-exchanges";
import { normalisedSql } from "../support/statement-shape";
import { startTestApp, testConfig } from "../support/test-app";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * Every mutation of the gateway's manifest, run step by step on two gateways:
 * one compiling trusted documents, one with COMPILED_EXECUTION=off (Apollo
 * executing with graphql-js itself). A mutation changes the database, so each
 * gateway has its own, both empty at the start and changed by the same steps in
 * the same order, with the clock stopped at the same instant for both runs of
 * a step: the same rows get the same ids and times, the same tokens are signed,
 * and each answer must be the same bytes with the same statements. Background
 * work (the relay, the fan-out) is off, so that every statement counted is the
 * request's own.
 */

const START = new Date("2026-12-01T09:00:00.000Z");
const DAY = 24 * 3600 * 1000;
const ENV = {
  TRUSTED_DOCUMENTS: "off",
  OUTBOX_RELAY: "off",
  ROLE_FAN_OUT: "off",
  ROLE_MATCH_SETTLEMENT_INTERVAL_MS: "3600000",
};

interface Side {
  database: TestDatabase;
  app: App;
  statements: FaultyStatements;
}

const sides: Record<"compiled" | "interpreted", Side> = {} as never;
/** The paths the compiled side's executions took (with COMPILED_EXECUTION=off, Apollo executes: nothing to see). */
const compiledSidePaths: ExecutionPath[] = [];

beforeAll(async () => {
  for (const [path, compiled] of [
    ["compiled", "on"],
    ["interpreted", "off"],
  ] as const) {
    const database = await createTestDatabase();
    const statements = createFaultyStatements();
    const { app } = await startTestApp(testConfig(database.config, { ...ENV, COMPILED_EXECUTION: compiled }), {
      databaseLogger: statements,
      executionObserver: { executionDidStart: ({ path }) => void compiledSidePaths.push(path) },
    });
    sides[path] = { database, app, statements };
  }
});

afterAll(async () => {
  for (const side of Object.values(sides)) {
    await side.app?.stop();
    await side.database?.drop();
  }
});

// After both gateways started: TypeGraphQL maps the Date class by identity, and a fake one is another class.
const setClock = useFrozenClock(START);

const operations = gatewayManifestOperations();
const mutations = operations.filter((operation) => operation.type === "mutation");
const ran = new Set<string>();
let step = 0;

function manifest(name: string, id?: string): ManifestOperation {
  const found = operations.filter((operation) => operation.name === name && (!id || operation.id.startsWith(id)));
  if (found.length !== 1) throw new Error(`${found.length} manifest documents named ${name} ${id ?? ""}`);
  return found[0]!;
}

/**
 * Runs one step on both gateways at the same instant and expects the same
 * status, bytes and statements; returns the parsed answer.
 */
async function both(
  operation: ManifestOperation,
  variables: Record<string, unknown>,
  token: string | null,
  arrange: (statements: FaultyStatements) => void = () => undefined,
): Promise<{ status: number; body: { data?: Record<string, any> | null; errors?: Array<Record<string, any>> } }> {
  step += 1;
  const instant = new Date(START.getTime() + step * 1000);
  const answers = [];
  compiledSidePaths.length = 0;
  for (const side of [sides.compiled, sides.interpreted]) {
    setClock(instant);
    side.statements.reset();
    arrange(side.statements);
    const { status, text } = await postForText(side.app.url, { query: operation.text, variables }, token);
    await side.statements.quiet();
    answers.push({ status, text, statements: side.statements.statements.map(normalisedSql) });
  }
  const [compiled, interpreted] = answers as [(typeof answers)[0], (typeof answers)[0]];
  expect(compiled.text).toBe(interpreted.text);
  expect(compiled.status).toBe(interpreted.status);
  // The same statements; in one order on SQLite, in the pool's order on MariaDB, whichever path runs.
  expect([...compiled.statements].sort()).toEqual([...interpreted.statements].sort());
  // Compiled on one side (variables graphql-jit refuses are worded by graphql-js), by Apollo on the other.
  expect(compiledSidePaths).toEqual(["compiled"]);
  ran.add(operation.id);
  return { status: compiled.status, body: JSON.parse(compiled.text) };
}

const talentEmail = "differential.talent@example.test";
const directorEmail = "differential.director@example.test";
const password = "correct horse battery";

describe("every mutation of the manifest answers the same bytes compiled and interpreted", () => {
  let talent: { id: string; token: string };
  let director: { id: string; token: string };
  let productionId: string;
  const roles: string[] = [];
  let invitedApplicationId: string;
  let draftId: string;
  let auditionRequestId: string;
  let messageId: string;

  it("signs up both kinds of account", async () => {
    for (const [email, name, accountType] of [
      [talentEmail, "Differential Talent", "TALENT"],
      [directorEmail, "Differential Director", "CASTING_DIRECTOR"],
    ] as const) {
      const { body } = await both(manifest("SignUp"), { input: { email, password, name, accountType } }, null);
      const account = { id: body.data!.signUp.user.id as string, token: body.data!.signUp.token as string };
      if (accountType === "TALENT") talent = account;
      else director = account;
    }
    const taken = await both(
      manifest("SignUp"),
      { input: { email: talentEmail, password, name: "Again", accountType: "TALENT" } },
      null,
    );
    expect(taken.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("signs in with every sign-in document, and refuses a wrong password the same way", async () => {
    for (const operation of operations.filter((candidate) => /^(SignIn|Login|WidgetSignIn)$/.test(candidate.name))) {
      const { body } = await both(operation, { email: talentEmail, password }, null);
      expect(body.errors).toBeUndefined();
    }
    const wrong = await both(manifest("Login"), { email: talentEmail, password: "wrong password" }, null);
    expect(wrong.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("refreshes tokens with every refresh document, and refuses an anonymous caller", async () => {
    for (const operation of operations.filter((candidate) => candidate.name === "RefreshToken")) {
      const { body } = await both(operation, {}, talent.token);
      expect(JSON.stringify(body.data)).toContain("token");
    }
    const anonymous = await both(manifest("RefreshToken", "f7b3c0c3"), {}, null);
    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("creates a production and its roles, and refuses a talent and a bad date", async () => {
    const expiresAt = new Date(START.getTime() + 30 * DAY).toISOString();
    const created = await both(
      manifest("CreateProduction"),
      { input: { title: "The Differential", location: "Leeds", expiresAt } },
      director.token,
    );
    productionId = created.body.data!.createProduction.id;
    const byTalent = await both(manifest("CreateProduction"), { input: { title: "Mine", expiresAt } }, talent.token);
    expect(byTalent.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const badDate = await both(
      manifest("CreateProduction"),
      { input: { title: "Never", expiresAt: "next Tuesday" } },
      director.token,
    );
    expect(badDate.status).toBe(400);

    for (const [name, requirements] of [
      ["Lead", { gender: "FEMALE", ageMin: 20, ageMax: 40, location: "Leeds" }],
      ["Friend", null],
      ["Messenger", { unionStatus: "NON_UNION" }],
    ] as const) {
      const { body } = await both(
        manifest("AddRole"),
        { input: { productionId, name, description: `${name} of the piece`, requirements } },
        director.token,
      );
      roles.push(body.data!.addRole.id);
    }
    const missing = await both(
      manifest("AddRole"),
      { input: { productionId: "999999", name: "Ghost" } },
      director.token,
    );
    expect(missing.body.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("invites, accepts, drafts and submits applications", async () => {
    const invited = await both(
      manifest("InviteToApply"),
      { input: { roleId: roles[0], talentId: talent.id, note: "We loved your Hamlet" } },
      director.token,
    );
    invitedApplicationId = invited.body.data!.inviteToApply.application.id;
    await both(manifest("RespondToInvitation"), { applicationId: invitedApplicationId, accept: true }, talent.token);
    const twice = await both(
      manifest("RespondToInvitation"),
      { applicationId: invitedApplicationId, accept: false },
      talent.token,
    );
    expect(twice.body.errors).toBeDefined();

    const draft = await both(
      manifest("SaveDraftApplication"),
      { input: { roleId: roles[1], coverLetter: "I have always wanted to play a friend." } },
      talent.token,
    );
    draftId = draft.body.data!.saveDraftApplication.id;
    await both(manifest("SubmitApplication"), { id: draftId }, talent.token);
    const again = await both(manifest("SubmitApplication"), { id: draftId }, talent.token);
    expect(again.body.errors).toBeDefined();
    const foreign = await both(manifest("SubmitApplication"), { id: draftId }, director.token);
    expect(foreign.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("requests an audition and takes the self tape", async () => {
    const dueAt = new Date(START.getTime() + 3 * DAY).toISOString();
    const requested = await both(
      manifest("RequestAudition"),
      { input: { applicationId: draftId, instructions: "Read the second scene", dueAt } },
      director.token,
    );
    auditionRequestId = requested.body.data!.requestAudition.id;
    const past = await both(
      manifest("RequestAudition"),
      { input: { applicationId: draftId, dueAt: new Date(START.getTime() - DAY).toISOString() } },
      director.token,
    );
    expect(past.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    await both(
      manifest("SubmitSelfTape"),
      { auditionRequestId, url: "https://tapes.example.test/second-scene" },
      talent.token,
    );
  });

  it("sends, answers and reads messages", async () => {
    const sent = await both(
      manifest("SendMessage"),
      { input: { toUserId: talent.id, body: "Can you come in on Thursday?", productionId } },
      director.token,
    );
    messageId = sent.body.data!.sendMessage.id;
    await both(manifest("SendMessage"), { input: { toUserId: director.id, body: "Thursday works." } }, talent.token);
    const tooLong = await both(
      manifest("SendMessage"),
      { input: { toUserId: talent.id, body: "x".repeat(5001) } },
      director.token,
    );
    expect(tooLong.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    await both(manifest("MarkMessageRead"), { id: messageId }, talent.token);
    await both(manifest("MarkMessageRead"), { id: messageId }, talent.token);
  });

  it("updates the profile, adds media, records a view and marks matched roles seen", async () => {
    await both(
      manifest("UpdateProfile"),
      {
        input: {
          bio: "Classically trained",
          gender: "FEMALE",
          playableAgeMin: 25,
          playableAgeMax: 35,
          heightCm: 168,
          location: "Leeds",
          unionStatus: "UNION",
          skills: ["Singing", "singing", "Fencing"],
          credits: [{ title: "Hamlet", role: "Ophelia", year: 2024 }],
        },
      },
      talent.token,
    );
    const invalid = await both(
      manifest("UpdateProfile"),
      { input: { playableAgeMin: 50, playableAgeMax: 20 } },
      talent.token,
    );
    expect(invalid.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const byDirector = await both(manifest("UpdateProfile"), { input: { bio: "Mine" } }, director.token);
    expect(byDirector.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    await both(
      manifest("AddMedia"),
      {
        input: {
          kind: "PHOTO",
          title: "Headshot",
          bytes: 123_456,
          url: "https://media.example.test/h.jpg",
          primary: true,
        },
      },
      talent.token,
    );
    const badKind = await both(
      manifest("AddMedia"),
      { input: { kind: "HOLOGRAM", title: "Me", bytes: 1, url: "https://media.example.test/x" } },
      talent.token,
    );
    expect(badKind.status).toBe(400);
    await both(manifest("RecordProductionView"), { productionId }, talent.token);
    await both(manifest("MarkRolesMatchedSeen"), {}, talent.token);
  });

  it("masks a failed write, and answers SERVICE_UNAVAILABLE for an outage, the same way", async () => {
    const unexpected = await both(
      manifest("SendMessage"),
      { input: { toUserId: talent.id, body: "This one fails" } },
      director.token,
      (statements) => statements.failNext(/^INSERT INTO .?messages/, new Error("disk I/O error: /var/lib/secret")),
    );
    expect(unexpected.body.errors?.[0]).toMatchObject({ message: "Internal server error", path: ["sendMessage"] });
    const outage = await both(
      manifest("SendMessage"),
      { input: { toUserId: talent.id, body: "This one too" } },
      director.token,
      (statements) => statements.failNext(/^INSERT INTO .?messages/, connectionResetError()),
    );
    expect(outage.body.errors?.[0]?.extensions?.code).toBe("SERVICE_UNAVAILABLE");
  });

  it("ran every mutation of the manifest, and left both databases showing the same dashboard", async () => {
    expect(mutations.filter((operation) => !ran.has(operation.id)).map((operation) => operation.name)).toEqual([]);
    const dashboard = operations.find(
      (operation) => operation.name === "Dashboard" && operation.variables.length === 0,
    )!;
    const { body } = await both(dashboard, {}, talent.token);
    expect(body.data!.dashboard.applicationCounts.all).toBe(2);
    expect(body.data!.dashboard.mediaLocker.photos).toBe(1);
  });
});
