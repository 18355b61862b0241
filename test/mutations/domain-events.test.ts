import { QueryFailedError } from "typeorm";
import { AccountType, Application, ApplicationStatus, Invitation, MediaKind, User } from "../../entities";
import type { Viewer } from "../../src/auth/tokens";
import type { DomainEvent } from "../../src/live/domain-events";
import { createMutationServices, type MutationServices } from "../../src/mutations";
import { createWriteThenPublish } from "../../src/mutations/write-then-publish";
import { createMemoryLogger } from "../../src/logger";
import { startOutboxRelay, type OutboxRelay } from "../../src/outbox/outbox-relay";
import { daysFromNow, fixtures, type Fixtures } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-database";

/*
 * The services, built directly on a test database, with an outbox relay whose
 * publisher records: which domain events each mutation writes to the outbox
 * (as the relay publishes them), and that nothing is written, so nothing ever
 * relayed, for a transaction that did not commit. The relay here ignores
 * nudges and polls rarely: each test relays when it asks (relayed()).
 */

/** These tests watch events only; new roles' kept counts are test/role-matches/'s. */
const noFanOut = { nudge: () => undefined };
let database: TestDatabase;
let rows: Fixtures;
let published: DomainEvent[];
let relay: OutboxRelay;
let services: MutationServices;
let director: Viewer;
let talent: Viewer;
let productionId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  rows = fixtures(database.dataSource);
  relay = await recordingRelay((event) => published.push(event));
  services = createMutationServices(database.dataSource, relay, noFanOut);
  const [directorRow, talentRow] = [await rows.director(), await rows.talent()];
  director = { id: directorRow.user.id, accountType: AccountType.CASTING_DIRECTOR };
  talent = { id: talentRow.user.id, accountType: AccountType.TALENT };
  productionId = (await rows.production(director.id)).id;
});

afterAll(async () => {
  await relay.stop();
  await database.drop();
});

function recordingRelay(record: (event: DomainEvent) => void): Promise<OutboxRelay> {
  return startOutboxRelay({
    db: database.dataSource,
    publish: async (event) => record(event),
    pollIntervalMs: 60_000,
    logger: createMemoryLogger(),
    acceptNudges: false,
  });
}

/** What the relay publishes of the outbox now: the events of every mutation committed since the last call. */
async function relayed(): Promise<DomainEvent[]> {
  await relay.relayPending();
  return published;
}

async function outboxRows(): Promise<number> {
  const [row] = await database.dataSource.query("SELECT COUNT(*) AS n FROM outbox_events");
  return Number(row.n);
}

beforeEach(() => {
  published = [];
});

async function newRoleId(): Promise<number> {
  return (await rows.role(productionId)).id;
}

const countsChanged = (talentId: number): DomainEvent => ({ type: "COUNTS_CHANGED", talentIds: [talentId] });
const directorCountsChanged = (directorId: number): DomainEvent => ({
  type: "DIRECTOR_COUNTS_CHANGED",
  castingDirectorIds: [directorId],
});

describe("casting directors' mutations", () => {
  it("createProduction publishes nothing: no count changes", async () => {
    await services.casting.createProduction(director.id, { title: "Quiet", expiresAt: daysFromNow(9) });
    expect(await relayed()).toEqual([]);
  });

  it("addRole publishes ROLE_ADDED", async () => {
    const role = await services.casting.addRole(director.id, { productionId: String(productionId), name: "Lead" });
    expect(await relayed()).toEqual([{ type: "ROLE_ADDED", roleId: role.id }]);
  });

  it("inviteToApply publishes INVITATION_CREATED and the talent's COUNTS_CHANGED, once the rows are visible to others", async () => {
    const visibleOutside: Array<Promise<Invitation | null>> = [];
    const watchingRelay = await recordingRelay((event) => {
      published.push(event);
      // A read on the data source (on MariaDB, another pooled connection) sees only committed rows.
      if (event.type === "INVITATION_CREATED") {
        visibleOutside.push(database.dataSource.getRepository(Invitation).findOneBy({ id: event.invitationId }));
      }
    });
    const watching = createMutationServices(database.dataSource, watchingRelay, noFanOut);
    const roleId = String(await newRoleId());
    const invitation = await watching.casting.inviteToApply(director.id, { roleId, talentId: String(talent.id) });
    await watchingRelay.stop();
    expect(published).toEqual([
      { type: "INVITATION_CREATED", invitationId: invitation.id, talentId: talent.id },
      countsChanged(talent.id),
    ]);
    expect(await Promise.all(visibleOutside)).toEqual([expect.objectContaining({ id: invitation.id })]);
  });

  it("requestAudition publishes AUDITION_REQUESTED and the talent's COUNTS_CHANGED", async () => {
    const application = await rows.application(talent.id, await newRoleId(), ApplicationStatus.SUBMITTED);
    const applicationId = String(application.id);
    const request = await services.casting.requestAudition(director.id, { applicationId, dueAt: daysFromNow(3) });
    expect(await relayed()).toEqual([
      { type: "AUDITION_REQUESTED", auditionRequestId: request.id, talentId: talent.id },
      countsChanged(talent.id),
    ]);
  });
});

describe("messages", () => {
  it("a director's message publishes MESSAGE_SENT and the talent's COUNTS_CHANGED", async () => {
    const message = await services.messaging.sendMessage(director, { toUserId: String(talent.id), body: "Hello" });
    expect(await relayed()).toEqual([
      { type: "MESSAGE_SENT", messageId: message.id, recipientId: talent.id },
      countsChanged(talent.id),
    ]);
  });

  it("a talent's reply publishes MESSAGE_SENT and the director's DIRECTOR_COUNTS_CHANGED", async () => {
    await rows.message(director.id, talent.id);
    const reply = await services.messaging.sendMessage(talent, { toUserId: String(director.id), body: "Hi!" });
    expect(await relayed()).toEqual([
      { type: "MESSAGE_SENT", messageId: reply.id, recipientId: director.id },
      directorCountsChanged(director.id),
    ]);
  });

  it("markMessageRead publishes COUNTS_CHANGED the first time only", async () => {
    const message = await rows.message(director.id, talent.id);
    await services.messaging.markMessageRead(talent, String(message.id));
    await services.messaging.markMessageRead(talent, String(message.id));
    expect(await relayed()).toEqual([countsChanged(talent.id)]);
  });

  it("a casting director's markMessageRead publishes DIRECTOR_COUNTS_CHANGED the first time only", async () => {
    const reply = await rows.message(talent.id, director.id);
    const read = await services.messaging.markMessageRead(director, String(reply.id));
    await services.messaging.markMessageRead(director, String(reply.id));
    expect(read.readAt).toBeInstanceOf(Date);
    expect(await relayed()).toEqual([directorCountsChanged(director.id)]);
  });
});

describe("casting directors' reviews", () => {
  it("markApplicationSeen publishes DIRECTOR_COUNTS_CHANGED the first time only", async () => {
    const application = await rows.application(talent.id, await newRoleId(), ApplicationStatus.SUBMITTED);
    await services.review.markApplicationSeen(director.id, String(application.id));
    await services.review.markApplicationSeen(director.id, String(application.id));
    expect(await relayed()).toEqual([directorCountsChanged(director.id)]);
  });

  it("markSelfTapeSeen publishes DIRECTOR_COUNTS_CHANGED the first time only", async () => {
    const application = await rows.application(talent.id, await newRoleId(), ApplicationStatus.SUBMITTED);
    const request = await rows.auditionRequest(application, director.id);
    await services.applications.submitSelfTape(talent.id, String(request.id), "https://example.test/tape");
    await relayed();
    published = [];
    await services.review.markSelfTapeSeen(director.id, String(request.id));
    await services.review.markSelfTapeSeen(director.id, String(request.id));
    expect(await relayed()).toEqual([directorCountsChanged(director.id)]);
  });
});

describe("talents' mutations", () => {
  it("respondToInvitation publishes the talent's COUNTS_CHANGED", async () => {
    const application = await rows.application(talent.id, await newRoleId(), ApplicationStatus.INVITED);
    await rows.invitation(application, director.id);
    await services.applications.respondToInvitation(talent.id, String(application.id), true);
    expect(await relayed()).toEqual([countsChanged(talent.id)]);
  });

  it("saveDraftApplication publishes COUNTS_CHANGED when it creates the draft, and nothing when it edits it", async () => {
    const roleId = String(await newRoleId());
    await services.applications.saveDraftApplication(talent.id, { roleId, coverLetter: "First" });
    await services.applications.saveDraftApplication(talent.id, { roleId, coverLetter: "Second" });
    expect(await relayed()).toEqual([countsChanged(talent.id)]);
  });

  it("submitApplication publishes the talent's COUNTS_CHANGED, APPLICATION_SUBMITTED and the director's DIRECTOR_COUNTS_CHANGED", async () => {
    const draft = await rows.application(talent.id, await newRoleId(), ApplicationStatus.DRAFT);
    await services.applications.submitApplication(talent.id, String(draft.id));
    expect(await relayed()).toEqual([
      countsChanged(talent.id),
      { type: "APPLICATION_SUBMITTED", applicationId: draft.id, castingDirectorId: director.id },
      directorCountsChanged(director.id),
    ]);
  });

  it("submitSelfTape publishes the talent's COUNTS_CHANGED, SELF_TAPE_SUBMITTED and the director's DIRECTOR_COUNTS_CHANGED", async () => {
    const application = await rows.application(talent.id, await newRoleId(), ApplicationStatus.SUBMITTED);
    const request = await rows.auditionRequest(application, director.id);
    await services.applications.submitSelfTape(talent.id, String(request.id), "https://example.test/tape");
    expect(await relayed()).toEqual([
      countsChanged(talent.id),
      { type: "SELF_TAPE_SUBMITTED", auditionRequestId: request.id, castingDirectorId: director.id },
      directorCountsChanged(director.id),
    ]);
  });

  it("markRolesMatchedSeen and updateProfile publish the talent's COUNTS_CHANGED", async () => {
    await services.discovery.markRolesMatchedSeen(talent.id);
    await services.profile.updateProfile(talent.id, { gender: null, location: "Leeds" });
    expect(await relayed()).toEqual([countsChanged(talent.id), countsChanged(talent.id)]);
  });

  it("recordProductionView and addMedia publish nothing: no count changes", async () => {
    await services.discovery.recordProductionView(talent.id, String(productionId));
    const headshot = {
      kind: MediaKind.PHOTO,
      title: "Headshot",
      bytes: 10,
      url: "https://example.test/h.jpg",
      primary: true,
    };
    await services.profile.addMedia(talent.id, headshot);
    expect(await relayed()).toEqual([]);
  });
});

describe("a transaction that does not commit", () => {
  it("writes nothing to the outbox, so nothing is ever relayed, when the database refuses a duplicate application", async () => {
    const roleId = await newRoleId();
    await rows.application(talent.id, roleId, ApplicationStatus.DRAFT);
    const outboxBefore = await outboxRows();
    const write = createWriteThenPublish(database.dataSource, relay);
    const duplicate = write(async (manager) => {
      await manager.update(User, { id: talent.id }, { name: "Renamed" });
      const now = new Date();
      await manager.insert(Application, {
        talentId: talent.id,
        roleId,
        status: ApplicationStatus.INVITED,
        createdAt: now,
        updatedAt: now,
      });
      return { result: null, events: [countsChanged(talent.id)] };
    });
    await expect(duplicate).rejects.toThrow(QueryFailedError);
    expect(await relayed()).toEqual([]);
    expect(await outboxRows()).toBe(outboxBefore);
    expect((await database.dataSource.getRepository(User).findOneByOrFail({ id: talent.id })).name).not.toBe("Renamed");
  });

  it("publishes nothing when a service refuses an application that already exists", async () => {
    const roleId = await newRoleId();
    await rows.application(talent.id, roleId, ApplicationStatus.DRAFT);
    const invite = services.casting.inviteToApply(director.id, { roleId: String(roleId), talentId: String(talent.id) });
    await expect(invite).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "talentId" } });
    expect(await relayed()).toEqual([]);
  });

  it("publishes nothing when a rule checked inside the transaction refuses it after it wrote", async () => {
    await services.profile.updateProfile(talent.id, { playableAgeMin: 20, playableAgeMax: 30 });
    await relayed();
    published = [];
    await expect(services.profile.updateProfile(talent.id, { playableAgeMin: 40 })).rejects.toMatchObject({
      extensions: { code: "BAD_USER_INPUT", field: "playableAgeMax" },
    });
    expect(await relayed()).toEqual([]);
  });
});
