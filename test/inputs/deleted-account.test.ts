import type { Client } from "graphql-ws";
import { ApplicationStatus, MediaKind, User } from "../../entities";
import { postGraphQL, type GraphQLResponse } from "../support/graphql-http";
import { liveClient, subscribe } from "../support/live-client";
import { useGateway } from "../support/use-gateway";
import type { TestUser } from "../support/fixtures";

/*
 * A token stays valid after its account is deleted (a JWT is not looked up).
 * Every query and mutation that acts for the viewer must then answer
 * UNAUTHENTICATED: not a foreign-key failure (500), and not the NOT_FOUND or
 * FORBIDDEN that the missing rows would otherwise cause.
 */

const gateway = useGateway();
const clients: Client[] = [];

let ghostTalent: TestUser;
let ghostDirector: TestUser;
let productionId: string;
let roleId: string;
let someTalentId: string;
let someDirectorId: string;

const DAY = 24 * 3600 * 1000;
const inAWeek = () => new Date(Date.now() + 7 * DAY).toISOString();

beforeAll(async () => {
  const f = gateway.fixtures;
  const director = await f.director("Dana Director");
  const talent = await f.talent("Tess Talent");
  const production = await f.production(director.user.id);
  const role = await f.role(production.id);
  productionId = String(production.id);
  roleId = String(role.id);
  someTalentId = String(talent.user.id);
  someDirectorId = String(director.user.id);

  ghostTalent = await f.talent("Gone Talent");
  ghostDirector = await f.director("Gone Director");
  // Rows the ghosts had: their deletion cascades to them.
  const application = await f.application(ghostTalent.user.id, role.id, ApplicationStatus.SUBMITTED);
  await f.message(ghostDirector.user.id, ghostTalent.user.id);
  await f.media(ghostTalent.user.id, MediaKind.PHOTO);
  await f.auditionRequest(application, director.user.id);
  await gateway.app.db.getRepository(User).delete([ghostTalent.user.id, ghostDirector.user.id]);
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

interface Attempt {
  name: string;
  query: string;
  variables: () => Record<string, unknown>;
}

const TALENT_ATTEMPTS: Attempt[] = [
  {
    name: "saveDraftApplication",
    query: `mutation($input: SaveDraftApplicationInput!) { saveDraftApplication(input: $input) { id } }`,
    variables: () => ({ input: { roleId, coverLetter: "Hello" } }),
  },
  {
    name: "recordProductionView",
    query: `mutation($id: ID!) { recordProductionView(productionId: $id) { viewedAt } }`,
    variables: () => ({ id: productionId }),
  },
  {
    name: "addMedia",
    query: `mutation($input: AddMediaInput!) { addMedia(input: $input) { id } }`,
    variables: () => ({ input: { kind: "PHOTO", title: "Headshot", bytes: 10, url: "https://media.test/1" } }),
  },
  {
    name: "sendMessage (a talent's reply)",
    query: `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
    variables: () => ({ input: { toUserId: someDirectorId, body: "Thanks" } }),
  },
  { name: "markMessageRead", query: `mutation { markMessageRead(id: "1") { id } }`, variables: () => ({}) },
  {
    name: "respondToInvitation",
    query: `mutation { respondToInvitation(applicationId: "1", accept: true) { id } }`,
    variables: () => ({}),
  },
  { name: "submitApplication", query: `mutation { submitApplication(id: "1") { id } }`, variables: () => ({}) },
  {
    name: "submitSelfTape",
    query: `mutation { submitSelfTape(auditionRequestId: "1", url: "https://tapes.test/1") { id } }`,
    variables: () => ({}),
  },
  {
    name: "markRolesMatchedSeen",
    query: `mutation { markRolesMatchedSeen { newRolesMatched } }`,
    variables: () => ({}),
  },
  {
    name: "updateProfile",
    query: `mutation { updateProfile(input: { bio: "Hi" }) { score } }`,
    variables: () => ({}),
  },
  { name: "dashboard", query: `{ dashboard { atAGlance { newMessages } } }`, variables: () => ({}) },
];

const DIRECTOR_ATTEMPTS: Attempt[] = [
  {
    name: "createProduction",
    query: `mutation($input: CreateProductionInput!) { createProduction(input: $input) { id } }`,
    variables: () => ({ input: { title: "Hamlet", expiresAt: inAWeek() } }),
  },
  {
    name: "sendMessage (a casting director's)",
    query: `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
    variables: () => ({ input: { toUserId: someTalentId, body: "Hello" } }),
  },
  {
    name: "addRole",
    query: `mutation($input: AddRoleInput!) { addRole(input: $input) { id } }`,
    variables: () => ({ input: { productionId, name: "Lead" } }),
  },
  {
    name: "inviteToApply",
    query: `mutation($input: InviteToApplyInput!) { inviteToApply(input: $input) { id } }`,
    variables: () => ({ input: { roleId, talentId: someTalentId } }),
  },
  {
    name: "requestAudition",
    query: `mutation($input: RequestAuditionInput!) { requestAudition(input: $input) { id } }`,
    variables: () => ({ input: { applicationId: "1", dueAt: inAWeek() } }),
  },
];

const UNAUTHENTICATED = {
  data: null,
  errors: [
    {
      message: "The signed-in account no longer exists",
      locations: expect.any(Array),
      path: expect.any(Array),
      extensions: { code: "UNAUTHENTICATED" },
    },
  ],
};

function expectUnauthenticated(result: Omit<GraphQLResponse, "status">): void {
  expect({ data: result.data, errors: result.errors }).toEqual(UNAUTHENTICATED);
}

describe.each([
  ["a deleted talent", () => ghostTalent, TALENT_ATTEMPTS],
  ["a deleted casting director", () => ghostDirector, DIRECTOR_ATTEMPTS],
] as const)("the token of %s", (_who, ghost, attempts) => {
  it.each(attempts.map((attempt) => [attempt.name, attempt] as const))(
    "is UNAUTHENTICATED on %s over HTTP, and nothing is logged as unexpected",
    async (_name, attempt) => {
      const before = gateway.logger.lines.filter((entry) => entry.level === "error").length;
      const response = await postGraphQL(gateway.app.url, attempt.query, attempt.variables(), {
        token: ghost().token,
      });
      expect(response.status).toBe(200);
      expectUnauthenticated(response);
      expect(gateway.logger.lines.filter((entry) => entry.level === "error")).toHaveLength(before);
    },
  );

  it.each(attempts.map((attempt) => [attempt.name, attempt] as const))(
    "is UNAUTHENTICATED on %s over graphql-ws",
    async (_name, attempt) => {
      const client = liveClient(gateway.app.url, ghost().token);
      clients.push(client);
      const result = await subscribe(client, attempt.query, attempt.variables()).next();
      expectUnauthenticated(result as Omit<GraphQLResponse, "status">);
    },
  );
});

describe("a deleted talent's token on a subscription", () => {
  it.each([
    ["notificationCounts", `subscription { notificationCounts { newMessages } }`],
    ["messageReceived", `subscription { messageReceived { id } }`],
  ])("is UNAUTHENTICATED when subscribing to %s, instead of listening for ever", async (_name, query) => {
    const client = liveClient(gateway.app.url, ghostTalent.token);
    clients.push(client);
    const result = await subscribe(client, query, {}).next();
    // A subscription that never starts has no data at all, only the error.
    expect(result).toEqual({ errors: UNAUTHENTICATED.errors });
  });

  it("still subscribes for an account that exists", async () => {
    const talent = await gateway.fixtures.talent("Still Here");
    const client = liveClient(gateway.app.url, talent.token);
    clients.push(client);
    const result = await subscribe(client, `subscription { notificationCounts { newMessages } }`, {}).next();
    expect(result).toEqual({ data: { notificationCounts: { newMessages: 0 } } });
  });
});

describe("an account that still exists", () => {
  it("keeps getting the ordinary answer for someone else's id (NOT_FOUND)", async () => {
    const director = await gateway.fixtures.director("Other Director");
    const response = await postGraphQL(
      gateway.app.url,
      `mutation($input: AddRoleInput!) { addRole(input: $input) { id } }`,
      { input: { productionId, name: "Lead" } },
      { token: director.token },
    );
    expect(response.errors?.map((error) => error.extensions?.code)).toEqual(["NOT_FOUND"]);
  });

  it("answers viewer with null for a deleted account, as for no token", async () => {
    const response = await postGraphQL(gateway.app.url, `{ viewer { id } }`, {}, { token: ghostTalent.token });
    expect(response).toEqual({ status: 200, data: { viewer: null } });
  });
});
