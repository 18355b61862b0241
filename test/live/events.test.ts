import { Gender } from "../../entities";
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { Client } from "graphql-ws";
import {
  AddRoleDocument,
  AuditionRequestedDocument,
  InvitationReceivedDocument,
  InviteToApplyDocument,
  MarkMessageReadDocument,
  MessageReceivedDocument,
  NotificationCountsDocument,
  RecordProductionViewDocument,
  RequestAuditionDocument,
  RespondToInvitationDocument,
  SendMessageDocument,
  type AuditionRequestedSubscription,
  type InvitationReceivedSubscription,
  type MessageReceivedSubscription,
  type NotificationCountsSubscription,
} from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { errorCode, request } from "../support/graphql-http";
import { liveClient, subscribe, type TestSubscription } from "../support/live-client";
import { useGateway } from "../support/use-gateway";

type Counts = NotificationCountsSubscription["notificationCounts"];
const ZERO: Counts = {
  newMessages: 0,
  newInvitations: 0,
  auditionRequests: 0,
  draftApplications: 0,
  newRolesMatched: 0,
};

const gateway = useGateway();

/** A talent connected over graphql-ws with all four subscriptions running. */
interface ConnectedTalent extends TestUser {
  client: Client;
  counts: TestSubscription<NotificationCountsSubscription>;
  messages: TestSubscription<MessageReceivedSubscription>;
  invitations: TestSubscription<InvitationReceivedSubscription>;
  auditions: TestSubscription<AuditionRequestedSubscription>;
}

const clients: Client[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
});

async function connect(talent: TestUser, initialCounts: Counts = ZERO): Promise<ConnectedTalent> {
  const client = liveClient(gateway.app.url, talent.token);
  clients.push(client);
  const connected = {
    ...talent,
    client,
    messages: subscribe(client, MessageReceivedDocument),
    invitations: subscribe(client, InvitationReceivedDocument),
    auditions: subscribe(client, AuditionRequestedDocument),
    counts: subscribe(client, NotificationCountsDocument),
  };
  // The snapshot comes after every subscription on this connection is listening.
  expect(await connected.counts.next()).toEqual({ data: { notificationCounts: initialCounts } });
  return connected;
}

async function mutate<TData, TVariables extends Record<string, unknown>>(
  token: string,
  document: TypedDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<TData> {
  const response = await request(gateway.app.url, document, variables, { token });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe("live updates on one gateway", () => {
  let director: TestUser;
  let productionId: number;
  let alice: ConnectedTalent;
  let bob: ConnectedTalent;

  beforeAll(async () => {
    const f = gateway.fixtures;
    director = await f.director("Casey Director");
    productionId = (await f.production(director.user.id, { title: "Live Show" })).id;
    alice = await connect(await f.talent("Alice", { gender: Gender.FEMALE }, { rolesMatchedSeenAt: daysFromNow(-1) }));
    bob = await connect(await f.talent("Bob", { gender: Gender.MALE }, { rolesMatchedSeenAt: daysFromNow(-1) }));
  });

  afterEach(async () => {
    // Whatever a test did, Bob saw none of it.
    await bob.messages.expectSilence(50);
    await bob.invitations.expectSilence(0);
    await bob.auditions.expectSilence(0);
  });

  it("pushes a new message to its recipient, with fresh counts, and to nobody else", async () => {
    const sent = await mutate(director.token, SendMessageDocument, {
      input: {
        toUserId: String(alice.user.id),
        body: "Can you self-tape by Friday?",
        productionId: String(productionId),
      },
    });
    const pushed = await alice.messages.next();
    expect(pushed.data!.messageReceived).toEqual({
      id: sent.sendMessage.id,
      preview: "Can you self-tape by Friday?",
      sentAt: expect.any(String),
      unread: true,
      sender: { id: String(director.user.id), name: "Casey Director" },
    });
    expect((await alice.counts.next()).data!.notificationCounts).toEqual({ ...ZERO, newMessages: 1 });
    await bob.counts.expectSilence(100);
  });

  it("updates the counts after the talent's own mutation in another tab, and never repeats them", async () => {
    const sent = await mutate(director.token, SendMessageDocument, {
      input: { toUserId: String(alice.user.id), body: "Second message" },
    });
    await alice.messages.next();
    expect((await alice.counts.next()).data!.notificationCounts.newMessages).toBe(2);

    await mutate(alice.token, MarkMessageReadDocument, { id: sent.sendMessage.id });
    expect((await alice.counts.next()).data!.notificationCounts.newMessages).toBe(1);

    // Marking it read again changes nothing, so nothing is sent.
    await mutate(alice.token, MarkMessageReadDocument, { id: sent.sendMessage.id });
    await mutate(alice.token, RecordProductionViewDocument, { productionId: String(productionId) });
    await alice.counts.expectSilence(300);
  });

  it("pushes an invitation, then moves the count from invitations to drafts when accepted", async () => {
    const role = await gateway.fixtures.role(productionId, { name: "Lead", createdAt: daysFromNow(-2) });
    const invited = await mutate(director.token, InviteToApplyDocument, {
      input: { roleId: String(role.id), talentId: String(alice.user.id), note: "You'd be great" },
    });
    expect((await alice.invitations.next()).data!.invitationReceived).toEqual({
      id: invited.inviteToApply.id,
      note: "You'd be great",
      role: { id: String(role.id), name: "Lead", production: { id: String(productionId), title: "Live Show" } },
    });
    expect((await alice.counts.next()).data!.notificationCounts).toMatchObject({
      newInvitations: 1,
      draftApplications: 0,
    });

    await mutate(alice.token, RespondToInvitationDocument, {
      applicationId: invited.inviteToApply.application.id,
      accept: true,
    });
    expect((await alice.counts.next()).data!.notificationCounts).toMatchObject({
      newInvitations: 0,
      draftApplications: 1,
    });

    const requested = await mutate(director.token, RequestAuditionDocument, {
      input: {
        applicationId: invited.inviteToApply.application.id,
        instructions: "Slate first",
        dueAt: daysFromNow(3).toISOString(),
      },
    });
    expect((await alice.auditions.next()).data!.auditionRequested).toEqual({
      id: requested.requestAudition.id,
      dueAt: expect.any(String),
      instructions: "Slate first",
      application: { id: invited.inviteToApply.application.id, role: { id: String(role.id), name: "Lead" } },
    });
    expect((await alice.counts.next()).data!.notificationCounts).toMatchObject({ auditionRequests: 1 });
  });

  it("raises newRolesMatched for subscribed talents the new role matches, and only them", async () => {
    await mutate(director.token, AddRoleDocument, {
      input: { productionId: String(productionId), name: "Sister", requirements: { gender: "FEMALE" } },
    });
    expect((await alice.counts.next()).data!.notificationCounts.newRolesMatched).toBe(1);
    await bob.counts.expectSilence(300);
  });

  it("publishes nothing for a mutation that failed", async () => {
    const failed = await request(
      gateway.app.url,
      SendMessageDocument,
      { input: { toUserId: String(alice.user.id), body: "x", productionId: "999999" } },
      { token: director.token },
    );
    expect(errorCode(failed)).toBe("NOT_FOUND");
    await alice.messages.expectSilence(300);
    await alice.counts.expectSilence(0);
  });
});
