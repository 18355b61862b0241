import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import type { Client } from "graphql-ws";
import { ApplicationStatus, MediaKind, User } from "../../entities";
import {
  AddMediaDocument,
  AddRoleDocument,
  AtAGlanceCountsDocument,
  CreateProductionDocument,
  InviteToApplyDocument,
  MarkMessageReadDocument,
  MarkRolesMatchedSeenDocument,
  RecordProductionViewDocument,
  RequestAuditionDocument,
  RespondToInvitationDocument,
  SaveDraftApplicationDocument,
  SendMessageDocument,
  SubmitApplicationDocument,
  SubmitSelfTapeDocument,
  UpdateProfileDocument,
} from "../generated/operations";
import { postGraphQL, request, type GraphQLResponse } from "../support/graphql-http";
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

/** One operation to try, printed once for both transports; its variables are checked against the document. */
function attempt<TData, TVariables extends Record<string, unknown>>(
  name: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: () => NoInfer<TVariables>,
): Attempt {
  return { name, query: print(document), variables };
}

const TALENT_ATTEMPTS: Attempt[] = [
  attempt("saveDraftApplication", SaveDraftApplicationDocument, () => ({ input: { roleId, coverLetter: "Hello" } })),
  attempt("recordProductionView", RecordProductionViewDocument, () => ({ productionId })),
  attempt("addMedia", AddMediaDocument, () => ({
    input: { kind: "PHOTO" as const, title: "Headshot", bytes: 10, url: "https://media.test/1" },
  })),
  attempt("sendMessage (a talent's reply)", SendMessageDocument, () => ({
    input: { toUserId: someDirectorId, body: "Thanks" },
  })),
  attempt("markMessageRead", MarkMessageReadDocument, () => ({ id: "1" })),
  attempt("respondToInvitation", RespondToInvitationDocument, () => ({ applicationId: "1", accept: true })),
  attempt("submitApplication", SubmitApplicationDocument, () => ({ id: "1" })),
  attempt("submitSelfTape", SubmitSelfTapeDocument, () => ({ auditionRequestId: "1", url: "https://tapes.test/1" })),
  attempt("markRolesMatchedSeen", MarkRolesMatchedSeenDocument, () => ({})),
  attempt("updateProfile", UpdateProfileDocument, () => ({ input: { bio: "Hi" } })),
  attempt("dashboard", AtAGlanceCountsDocument, () => ({})),
];

const DIRECTOR_ATTEMPTS: Attempt[] = [
  attempt("createProduction", CreateProductionDocument, () => ({ input: { title: "Hamlet", expiresAt: inAWeek() } })),
  attempt("sendMessage (a casting director's)", SendMessageDocument, () => ({
    input: { toUserId: someTalentId, body: "Hello" },
  })),
  attempt("addRole", AddRoleDocument, () => ({ input: { productionId, name: "Lead" } })),
  attempt("inviteToApply", InviteToApplyDocument, () => ({ input: { roleId, talentId: someTalentId } })),
  attempt("requestAudition", RequestAuditionDocument, () => ({ input: { applicationId: "1", dueAt: inAWeek() } })),
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
    const response = await request(
      gateway.app.url,
      AddRoleDocument,
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
