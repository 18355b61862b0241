import { ApplicationStatus, AuditionRequestStatus } from "../../entities";
import {
  ApplicationDetailsDocument,
  ApplicationsDocument,
  MessagesDocument,
  type ApplicationFilter,
} from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { errorCode, request } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

async function applications(token: string, filter: ApplicationFilter, first = 100, after?: string | null) {
  return request(gateway.app.url, ApplicationsDocument, { filter, first, after }, { token });
}

describe("applications by filter", () => {
  let talent: TestUser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const f = gateway.fixtures;
    talent = await f.talent("Filtered");
    const director = await f.director();
    const open = await f.production(director.user.id);
    const expired = await f.production(director.user.id, { expiresAt: daysFromNow(-2) });
    const me = talent.user.id;
    const at = (days: number) => ({ updatedAt: daysFromNow(-days) });
    const invited = await f.application(me, (await f.role(open.id)).id, ApplicationStatus.INVITED, at(1));
    await f.invitation(invited, director.user.id);
    ids.invited = invited.id;
    ids.draft = (await f.application(me, (await f.role(open.id)).id, ApplicationStatus.DRAFT, at(2))).id;
    const submitted = await f.application(me, (await f.role(open.id)).id, ApplicationStatus.SUBMITTED, at(3));
    ids.submitted = submitted.id;
    await f.auditionRequest(submitted, director.user.id);
    ids.declined = (await f.application(me, (await f.role(open.id)).id, ApplicationStatus.DECLINED, at(4))).id;
    ids.expiredSubmitted = (
      await f.application(me, (await f.role(expired.id)).id, ApplicationStatus.SUBMITTED, at(5))
    ).id;
    const expiredDraft = await f.application(me, (await f.role(expired.id)).id, ApplicationStatus.DRAFT, at(6));
    ids.expiredDraft = expiredDraft.id;
    await f.auditionRequest(expiredDraft, director.user.id, { dueAt: daysFromNow(-3) });
  });

  it.each([
    ["ALL", ["invited", "draft", "submitted", "declined", "expiredSubmitted", "expiredDraft"]],
    ["INVITES", ["invited"]],
    ["DRAFTS", ["draft", "expiredDraft"]],
    ["ACTIVE", ["submitted"]],
    ["AUDITIONS", ["submitted", "expiredDraft"]],
    ["ARCHIVED", ["expiredSubmitted", "expiredDraft"]],
  ] as Array<[ApplicationFilter, string[]]>)(
    "%s lists exactly its applications, newest first, with a matching totalCount",
    async (filter, expected) => {
      const response = await applications(talent.token, filter);
      expect(response.errors).toBeUndefined();
      const connection = response.data!.dashboard.applications;
      expect(connection.edges.map((edge) => Number(edge.node.id))).toEqual(expected.map((name) => ids[name]));
      expect(connection.totalCount).toBe(expected.length);
      expect(connection.pageInfo).toEqual({ hasNextPage: false, endCursor: connection.edges.at(-1)!.cursor });
    },
  );
});

describe("an application's details", () => {
  it("shows every field of the application, its role, production, invitation and audition requests as stored", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Detailed");
    const director = await f.director("Dee Director");
    const production = await f.production(director.user.id, { title: "The Tempest", location: "Bristol" });
    const role = await f.role(production.id, {
      name: "Miranda",
      description: "Prospero's daughter",
      createdAt: new Date("2026-01-02T03:04:05.678Z"),
    });
    const application = await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED, {
      coverLetter: "I know the play by heart.",
      submittedAt: new Date("2026-02-03T04:05:06.789Z"),
    });
    const invitation = await f.invitation(application, director.user.id, {
      note: "Please apply",
      createdAt: new Date("2026-01-05T00:00:00.001Z"),
    });
    const older = await f.auditionRequest(application, director.user.id, {
      dueAt: new Date("2026-12-24T18:30:00.500Z"),
      createdAt: new Date("2026-02-04T10:00:00.000Z"),
    });
    const newer = await f.auditionRequest(application, director.user.id, {
      instructions: "Read the storm scene",
      status: AuditionRequestStatus.SUBMITTED,
      dueAt: new Date("2026-12-31T23:59:59.999Z"),
      createdAt: new Date("2026-02-05T10:00:00.000Z"),
    });

    const response = await request(
      gateway.app.url,
      ApplicationDetailsDocument,
      { filter: "ALL", first: 5 },
      { token: talent.token },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.dashboard.applications.edges).toEqual([
      {
        node: {
          id: String(application.id),
          status: "SUBMITTED",
          coverLetter: "I know the play by heart.",
          submittedAt: "2026-02-03T04:05:06.789Z",
          role: {
            id: String(role.id),
            name: "Miranda",
            description: "Prospero's daughter",
            createdAt: "2026-01-02T03:04:05.678Z",
            production: {
              id: String(production.id),
              title: "The Tempest",
              location: "Bristol",
              isOpen: true,
              roles: [{ id: String(role.id) }],
            },
          },
          invitation: {
            id: String(invitation.id),
            note: "Please apply",
            createdAt: "2026-01-05T00:00:00.001Z",
            role: { id: String(role.id) },
            castingDirector: { id: String(director.user.id), name: "Dee Director", accountType: "CASTING_DIRECTOR" },
            application: { id: String(application.id) },
          },
          auditionRequests: [
            {
              id: String(newer.id),
              instructions: "Read the storm scene",
              status: "SUBMITTED",
              dueAt: "2026-12-31T23:59:59.999Z",
              createdAt: "2026-02-05T10:00:00.000Z",
              application: { id: String(application.id) },
            },
            {
              id: String(older.id),
              instructions: null,
              status: "REQUESTED",
              dueAt: "2026-12-24T18:30:00.500Z",
              createdAt: "2026-02-04T10:00:00.000Z",
              application: { id: String(application.id) },
            },
          ],
        },
      },
    ]);
  });
});

describe("applications pagination", () => {
  let talent: TestUser;
  let expectedOrder: number[];

  beforeAll(async () => {
    const f = gateway.fixtures;
    talent = await f.talent("Paged");
    const director = await f.director();
    const production = await f.production(director.user.id);
    const sameMoment = daysFromNow(-1);
    const created: Array<{ id: number; updatedAt: Date }> = [];
    for (let i = 0; i < 25; i += 1) {
      // Every third application shares one timestamp, so ties must be broken by id.
      const updatedAt = i % 3 === 0 ? sameMoment : daysFromNow(-2 - i);
      const role = await f.role(production.id);
      const application = await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED, { updatedAt });
      created.push({ id: application.id, updatedAt });
    }
    expectedOrder = created
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || b.id - a.id)
      .map((row) => row.id);
  });

  it("walks every application once, in order, across pages", async () => {
    const seen: number[] = [];
    const pages: Array<{ size: number; hasNextPage: boolean }> = [];
    let after: string | null = null;
    do {
      const response = await applications(talent.token, "ALL", 10, after);
      expect(response.errors).toBeUndefined();
      const connection = response.data!.dashboard.applications;
      expect(connection.totalCount).toBe(25);
      seen.push(...connection.edges.map((edge) => Number(edge.node.id)));
      pages.push({ size: connection.edges.length, hasNextPage: connection.pageInfo.hasNextPage });
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(pages).toEqual([
      { size: 10, hasNextPage: true },
      { size: 10, hasNextPage: true },
      { size: 5, hasNextPage: false },
    ]);
    expect(seen).toEqual(expectedOrder);
  });

  it("continues after any edge's cursor", async () => {
    const first = await applications(talent.token, "ALL", 4);
    const third = first.data!.dashboard.applications.edges[2]!;
    const rest = await applications(talent.token, "ALL", 3, third.cursor);
    expect(rest.data!.dashboard.applications.edges.map((edge) => Number(edge.node.id))).toEqual(
      expectedOrder.slice(3, 6),
    );
  });

  it.each([0, -1, 101])("refuses first: %d with BAD_USER_INPUT naming the argument", async (first) => {
    const response = await applications(talent.token, "ALL", first);
    expect(response.data).toBeNull();
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.extensions!.field).toBe("first");
    expect(response.errors![0]!.message).toBe("Invalid first: must be between 1 and 100");
  });

  it.each([
    ["garbage", "not-a-cursor"],
    ["a tampered cursor", "WyJhcHBsaWNhdGlvbnMiLDE3OTU4MDkyNzE5ODAsMl0.AAAAAAAAAAAAAAAA"],
    ["an empty string", ""],
  ])("refuses %s as `after` with BAD_USER_INPUT", async (_label, after) => {
    const response = await applications(talent.token, "ALL", 5, after);
    expect(response.data).toBeNull();
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
    expect(response.errors![0]!.extensions!.field).toBe("after");
  });

  it.each([
    ["a character more", (cursor: string) => `${cursor}A`],
    ["a space inside", (cursor: string) => `${cursor.slice(0, -4)} ${cursor.slice(-4)}`],
    ["padding", (cursor: string) => `${cursor}==`],
  ])("refuses another spelling of a valid cursor's signature (%s)", async (_label, respell) => {
    const page = await applications(talent.token, "ALL", 2);
    const cursor = page.data!.dashboard.applications.pageInfo.endCursor!;
    expect((await applications(talent.token, "ALL", 2, cursor)).errors).toBeUndefined();
    const response = await applications(talent.token, "ALL", 2, respell(cursor));
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });

  it("refuses a cursor from another list", async () => {
    const f = gateway.fixtures;
    const director = await f.director();
    await f.message(director.user.id, talent.user.id);
    await f.message(director.user.id, talent.user.id);
    const messages = await request(gateway.app.url, MessagesDocument, { first: 1 }, { token: talent.token });
    const response = await applications(talent.token, "ALL", 5, messages.data!.dashboard.messages.pageInfo.endCursor);
    expect(errorCode(response)).toBe("BAD_USER_INPUT");
  });

  it("refuses another talent's cursor, and one from another filter", async () => {
    const page = await applications(talent.token, "ALL", 2);
    const cursor = page.data!.dashboard.applications.pageInfo.endCursor;
    const stranger = await gateway.fixtures.talent("Stranger");
    expect(errorCode(await applications(stranger.token, "ALL", 5, cursor))).toBe("BAD_USER_INPUT");
    expect(errorCode(await applications(talent.token, "ACTIVE", 5, cursor))).toBe("BAD_USER_INPUT");
  });
});
