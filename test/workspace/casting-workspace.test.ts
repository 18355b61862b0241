import { ApplicationStatus, AuditionRequestStatus, Gender, MediaKind, UnionStatus } from "../../entities";
import type { Application } from "../../entities/application.entity";
import {
  CastingAtAGlanceDocument,
  CastingWorkspaceInFullDocument,
  DashboardDocument,
  MarkApplicationSeenDocument,
  MarkSelfTapeSeenDocument,
  RequestAuditionDocument,
  RoleApplicationsDocument,
  WorkspaceProductionsDocument,
  type RoleApplicationsQuery,
  type WorkspaceProductionsQuery,
} from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { request, type GraphQLResponse } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

// The full tree's worst-case estimate is far above the default budget (test/workspace/overview-limits.test.ts).
const gateway = useGateway({ env: { MAX_QUERY_COST: "1000000" } });

let director: TestUser;
let rival: TestUser;
let tess: TestUser;
let theo: TestUser;
let tempestId: number;
let closedId: number;
let rivalProductionId: number;
let mirandaId: number;
let arielId: number;
/** Miranda's applications the director sees, newest first. */
let mirandaApplications: Application[];
let tessSubmitted: Application;
let tessDraftOnAriel: Application;
let tapedRequestId: number;
let pendingRequestId: number;

beforeAll(async () => {
  const f = gateway.fixtures;
  director = await f.director("Dana Director");
  rival = await f.director("Rory Rival");
  tess = await f.talent("Tess Talent", {
    bio: "Classically trained.",
    gender: Gender.FEMALE,
    playableAgeMin: 25,
    playableAgeMax: 35,
    heightCm: 170,
    location: "London",
    unionStatus: UnionStatus.UNION,
  });
  theo = await f.talent("Theo Talent");
  await f.media(tess.user.id, MediaKind.PHOTO, { isPrimary: true, url: "https://media.example.test/tess.jpg" });
  await f.media(tess.user.id, MediaKind.PHOTO, { url: "https://media.example.test/other.jpg" });
  await f.skills(tess.user.id, ["Stage combat", "Accents"]);
  await f.credits(tess.user.id, ["Hamlet"]);

  const tempest = await f.production(director.user.id, { title: "The Tempest", createdAt: daysFromNow(-2) });
  const closed = await f.production(director.user.id, {
    title: "Closed Call",
    expiresAt: daysFromNow(-1),
    createdAt: daysFromNow(-20),
  });
  const rivalProduction = await f.production(rival.user.id, { title: "Rival Show" });
  tempestId = tempest.id;
  closedId = closed.id;
  rivalProductionId = rivalProduction.id;
  mirandaId = (await f.role(tempest.id, { name: "Miranda", createdAt: daysFromNow(-2) })).id;
  arielId = (await f.role(tempest.id, { name: "Ariel", createdAt: daysFromNow(-1) })).id;
  const closedRole = await f.role(closed.id, { name: "Old Part" });
  const rivalRole = await f.role(rivalProduction.id, { name: "Rival Part" });

  tessSubmitted = await f.application(tess.user.id, mirandaId, ApplicationStatus.SUBMITTED, {
    coverLetter: "I would love to play Miranda.",
    updatedAt: daysFromNow(-0.1),
  });
  const theoInvited = await f.application(theo.user.id, mirandaId, ApplicationStatus.INVITED, {
    updatedAt: daysFromNow(-0.5),
  });
  await f.invitation(theoInvited, director.user.id);
  tessDraftOnAriel = await f.application(tess.user.id, arielId, ApplicationStatus.DRAFT);
  const theoSeen = await f.application(theo.user.id, arielId, ApplicationStatus.SUBMITTED, {
    seenAt: daysFromNow(-0.2),
  });
  await f.application(tess.user.id, closedRole.id, ApplicationStatus.SUBMITTED);
  await f.application(theo.user.id, rivalRole.id, ApplicationStatus.SUBMITTED);
  mirandaApplications = [tessSubmitted, theoInvited];

  tapedRequestId = (
    await f.auditionRequest(tessSubmitted, director.user.id, {
      status: AuditionRequestStatus.SUBMITTED,
      tapeUrl: "https://media.example.test/tape.mp4",
      submittedAt: daysFromNow(-0.05),
    })
  ).id;
  pendingRequestId = (await f.auditionRequest(theoSeen, director.user.id)).id;
  await f.auditionRequest(theoSeen, director.user.id, {
    status: AuditionRequestStatus.SUBMITTED,
    tapeUrl: "https://media.example.test/seen.mp4",
    submittedAt: daysFromNow(-1),
    tapeSeenAt: daysFromNow(-0.5),
  });

  // Replies: two unread, one read, one to the rival; and the director's own messages out.
  await f.message(director.user.id, tess.user.id);
  await f.message(tess.user.id, director.user.id);
  await f.message(theo.user.id, director.user.id);
  await f.message(theo.user.id, director.user.id, { readAt: daysFromNow(0) });
  await f.message(theo.user.id, rival.user.id);
});

const asDirector = (viewer: TestUser) => ({ token: viewer.token });

describe("the casting director's workspace", () => {
  it("counts unread replies, unseen submissions and unwatched tapes", async () => {
    const response = await request(gateway.app.url, CastingWorkspaceInFullDocument, {}, asDirector(director));
    expect(response.errors).toBeUndefined();
    expect(response.data!.castingWorkspace.id).toBe(String(director.user.id));
    expect(response.data!.castingWorkspace.atAGlance).toEqual({
      id: String(director.user.id),
      unreadReplies: 2,
      // Tess on Miranda and on the closed call; Theo's Ariel submission was seen.
      newApplications: 2,
      newSelfTapes: 1,
    });
  });

  it("lists the director's productions newest first, their roles, and each role's applications without drafts", async () => {
    const response = await request(gateway.app.url, CastingWorkspaceInFullDocument, {}, asDirector(director));
    const productions = response.data!.castingWorkspace.productions;
    expect(productions.totalCount).toBe(2);
    expect(productions.edges.map((edge) => [edge.node.id, edge.node.title, edge.node.isOpen])).toEqual([
      [String(tempestId), "The Tempest", true],
      [String(closedId), "Closed Call", false],
    ]);
    const [miranda, ariel] = productions.edges[0]!.node.roles;
    expect(miranda!.name).toBe("Miranda");
    expect(miranda!.applications.totalCount).toBe(2);
    expect(miranda!.applications.edges.map((edge) => Number(edge.node.id))).toEqual(
      mirandaApplications.map((application) => application.id),
    );
    // Tess's draft on Ariel is hers alone: the director sees only Theo's submission.
    expect(ariel!.applications.totalCount).toBe(1);
    expect(ariel!.applications.edges.map((edge) => edge.node.status)).toEqual(["SUBMITTED"]);
    expect(ariel!.applications.edges[0]!.node.seenByCastingDirector).toBe(true);
    const shownApplicationIds = productions.edges.flatMap((production) =>
      production.node.roles.flatMap((role) => role.applications.edges.map((edge) => Number(edge.node.id))),
    );
    expect(shownApplicationIds).not.toContain(tessDraftOnAriel.id);
    expect(shownApplicationIds).toHaveLength(4);

    expect(miranda!.applications.edges[0]!.node).toEqual({
      id: String(tessSubmitted.id),
      status: "SUBMITTED",
      coverLetter: "I would love to play Miranda.",
      submittedAt: tessSubmitted.submittedAt!.toISOString(),
      seenByCastingDirector: false,
      talent: {
        id: String(tess.user.id),
        name: "Tess Talent",
        bio: "Classically trained.",
        gender: "FEMALE",
        playableAgeMin: 25,
        playableAgeMax: 35,
        heightCm: 170,
        location: "London",
        unionStatus: "UNION",
        headshot: { url: "https://media.example.test/tess.jpg" },
        skills: ["Accents", "Stage combat"],
        credits: [{ title: "Hamlet", role: "Lead", year: 2020 }],
      },
      auditionRequests: [
        {
          id: String(tapedRequestId),
          status: "SUBMITTED",
          tapeUrl: "https://media.example.test/tape.mp4",
          tapeSeenByCastingDirector: false,
        },
      ],
    });
  });

  it("keeps each director to their own: another director's workspace, pages and ids show none of it", async () => {
    const response = await request(gateway.app.url, CastingWorkspaceInFullDocument, {}, asDirector(rival));
    expect(response.errors).toBeUndefined();
    expect(response.data!.castingWorkspace.atAGlance).toEqual({
      id: String(rival.user.id),
      unreadReplies: 1,
      newApplications: 1,
      newSelfTapes: 0,
    });
    expect(response.data!.castingWorkspace.productions.edges.map((edge) => Number(edge.node.id))).toEqual([
      rivalProductionId,
    ]);
    const pages = await request(
      gateway.app.url,
      RoleApplicationsDocument,
      { productionId: String(tempestId), first: 5 },
      asDirector(rival),
    );
    expect(pages).toEqual({ status: 200, data: { production: null } });
    for (const id of [String(tessSubmitted.id), String(tessDraftOnAriel.id)]) {
      const marked = await request(gateway.app.url, MarkApplicationSeenDocument, { id }, asDirector(rival));
      expect(marked.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const tape = await request(
      gateway.app.url,
      MarkSelfTapeSeenDocument,
      { auditionRequestId: String(tapedRequestId) },
      asDirector(rival),
    );
    expect(tape.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("is FORBIDDEN for talent, who never see other talents' applications", async () => {
    const workspace = await request(gateway.app.url, CastingWorkspaceInFullDocument, {}, { token: tess.token });
    expect(workspace.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const pages = await request(
      gateway.app.url,
      RoleApplicationsDocument,
      { productionId: String(tempestId), first: 5 },
      { token: theo.token },
    );
    // The first refusal nulls the production (applications is non-null), so no role's list is shown.
    expect(pages.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(pages.errors?.every((error) => error.extensions?.code === "FORBIDDEN")).toBe(true);
    expect(pages.data).toEqual({ production: null });
    const anonymous = await request(gateway.app.url, CastingWorkspaceInFullDocument, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("never gives a director the profile score, by any field", async () => {
    const introspection = await fetch(gateway.app.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${director.token}` },
      body: JSON.stringify({ query: '{ __type(name: "TalentPublicProfile") { fields { name } } }' }),
    });
    const body = (await introspection.json()) as { data: { __type: { fields: Array<{ name: string }> } } };
    expect(body.data.__type.fields.map((field) => field.name).sort()).toEqual(
      [
        "bio",
        "credits",
        "gender",
        "headshot",
        "heightCm",
        "id",
        "location",
        "name",
        "playableAgeMax",
        "playableAgeMin",
        "skills",
        "unionStatus",
      ].sort(),
    );
    // The dashboard (which holds the score) stays the talent's own.
    const dashboard = await request(gateway.app.url, DashboardDocument, {}, asDirector(director));
    expect(dashboard.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });
});

describe("paging a role's applications", () => {
  let roleId: number;
  let productionId: number;
  const expected: { all: number[]; submitted: number[]; declined: number[] } = { all: [], submitted: [], declined: [] };

  beforeAll(async () => {
    const f = gateway.fixtures;
    const production = await f.production(director.user.id, { title: "Big Call", createdAt: daysFromNow(-30) });
    productionId = production.id;
    roleId = (await f.role(production.id)).id;
    const statuses = [ApplicationStatus.SUBMITTED, ApplicationStatus.DECLINED, ApplicationStatus.DRAFT];
    const made: Array<{ id: number; status: ApplicationStatus }> = [];
    for (let index = 0; index < 24; index += 1) {
      const talent = await f.talent(`Applicant ${index}`);
      const status = statuses[index % 3]!;
      // Every fourth pair shares a moment: the id breaks the tie.
      const updatedAt = daysFromNow(-1 + Math.floor(index / 2) / 48);
      made.push({ id: (await f.application(talent.user.id, roleId, status, { updatedAt })).id, status });
    }
    const newestFirst = [...made].reverse();
    expected.all = newestFirst.filter((row) => row.status !== ApplicationStatus.DRAFT).map((row) => row.id);
    expected.submitted = newestFirst.filter((row) => row.status === ApplicationStatus.SUBMITTED).map((row) => row.id);
    expected.declined = newestFirst.filter((row) => row.status === ApplicationStatus.DECLINED).map((row) => row.id);
  });

  async function pageThrough(first: number, status: ApplicationStatus | null): Promise<number[]> {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse<RoleApplicationsQuery> = await request(
        gateway.app.url,
        RoleApplicationsDocument,
        { productionId: String(productionId), first, after, status },
        asDirector(director),
      );
      expect(response.errors).toBeUndefined();
      const page = response.data!.production!.roles[0]!.applications;
      seen.push(...page.edges.map((edge) => Number(edge.node.id)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    return seen;
  }

  it.each([1, 3, 7, 16, 100])(
    "pages %i at a time without gaps or duplicates, under each status filter",
    async (first) => {
      expect(await pageThrough(first, null)).toEqual(expected.all);
      expect(await pageThrough(first, ApplicationStatus.SUBMITTED)).toEqual(expected.submitted);
      expect(await pageThrough(first, ApplicationStatus.DECLINED)).toEqual(expected.declined);
      expect(await pageThrough(first, ApplicationStatus.INVITED)).toEqual([]);
    },
  );

  it("totals each filter, and refuses the DRAFT filter and a cursor from another list", async () => {
    const totals = async (status: ApplicationStatus | null) =>
      (
        await request(
          gateway.app.url,
          RoleApplicationsDocument,
          { productionId: String(productionId), first: 1, status },
          asDirector(director),
        )
      ).data!.production!.roles[0]!.applications.totalCount;
    expect(await totals(null)).toBe(16);
    expect(await totals(ApplicationStatus.SUBMITTED)).toBe(8);
    expect(await totals(ApplicationStatus.DECLINED)).toBe(8);

    const draft = await request(
      gateway.app.url,
      RoleApplicationsDocument,
      { productionId: String(productionId), first: 5, status: ApplicationStatus.DRAFT },
      asDirector(director),
    );
    expect(draft.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(draft.errors?.[0]?.message).toMatch(/drafts are the talent's own/);

    const firstPage = await request(
      gateway.app.url,
      RoleApplicationsDocument,
      { productionId: String(productionId), first: 2, status: ApplicationStatus.SUBMITTED },
      asDirector(director),
    );
    const cursor = firstPage.data!.production!.roles[0]!.applications.pageInfo.endCursor!;
    const attempts: Array<{ productionId: number; status: ApplicationStatus | null; after: string }> = [
      // The same role under another filter, and another role's list.
      { productionId, status: null, after: cursor },
      { productionId: tempestId, status: ApplicationStatus.SUBMITTED, after: cursor },
      { productionId, status: ApplicationStatus.SUBMITTED, after: `${cursor.slice(0, -3)}xyz` },
      { productionId, status: ApplicationStatus.SUBMITTED, after: "garbage" },
    ];
    for (const attempt of attempts) {
      const response = await request(
        gateway.app.url,
        RoleApplicationsDocument,
        { productionId: String(attempt.productionId), first: 2, status: attempt.status, after: attempt.after },
        asDirector(director),
      );
      expect(response.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
  });

  it("pages the director's productions without gaps or duplicates", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const response: GraphQLResponse<WorkspaceProductionsQuery> = await request(
        gateway.app.url,
        WorkspaceProductionsDocument,
        { first: 1, after },
        asDirector(director),
      );
      const page = response.data!.castingWorkspace.productions;
      expect(page.totalCount).toBe(3);
      seen.push(...page.edges.map((edge) => Number(edge.node.id)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([tempestId, closedId, productionId]);
  });
});

describe("marking submissions and tapes seen", () => {
  const counts = async () =>
    (await request(gateway.app.url, CastingAtAGlanceDocument, {}, asDirector(director))).data!.castingWorkspace
      .atAGlance;

  it("lowers newApplications once, keeps the first moment, and refuses what cannot be seen", async () => {
    const f = gateway.fixtures;
    const production = await f.production(director.user.id);
    const role = await f.role(production.id);
    const submitted = await f.application((await f.talent("Seen Soon")).user.id, role.id, ApplicationStatus.SUBMITTED);
    const invited = await f.application((await f.talent("Invited")).user.id, role.id, ApplicationStatus.INVITED);
    const draft = await f.application((await f.talent("Drafting")).user.id, role.id, ApplicationStatus.DRAFT);
    const before = await counts();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const marked = await request(
        gateway.app.url,
        MarkApplicationSeenDocument,
        { id: String(submitted.id) },
        asDirector(director),
      );
      expect(marked.data!.markApplicationSeen).toEqual({ id: String(submitted.id), seenByCastingDirector: true });
      expect((await counts()).newApplications).toBe(before.newApplications - 1);
    }
    const notSubmitted = await request(
      gateway.app.url,
      MarkApplicationSeenDocument,
      { id: String(invited.id) },
      asDirector(director),
    );
    expect(notSubmitted.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    for (const id of [String(draft.id), "999999", "abc"]) {
      const missing = await request(gateway.app.url, MarkApplicationSeenDocument, { id }, asDirector(director));
      expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    }
    const asTalent = await request(
      gateway.app.url,
      MarkApplicationSeenDocument,
      { id: String(submitted.id) },
      { token: tess.token },
    );
    expect(asTalent.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
  });

  it("lowers newSelfTapes once, and refuses a request with no tape yet", async () => {
    const before = await counts();
    const marked = await request(
      gateway.app.url,
      MarkSelfTapeSeenDocument,
      { auditionRequestId: String(tapedRequestId) },
      asDirector(director),
    );
    expect(marked.data!.markSelfTapeSeen).toEqual({ id: String(tapedRequestId), tapeSeenByCastingDirector: true });
    expect(await counts()).toEqual({ ...before, newSelfTapes: before.newSelfTapes - 1 });
    const pending = await request(
      gateway.app.url,
      MarkSelfTapeSeenDocument,
      { auditionRequestId: String(pendingRequestId) },
      asDirector(director),
    );
    expect(pending.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("does not let a director ask for a tape on a draft they cannot see", async () => {
    const response = await request(
      gateway.app.url,
      RequestAuditionDocument,
      { input: { applicationId: String(tessDraftOnAriel.id), dueAt: daysFromNow(3).toISOString() } },
      asDirector(director),
    );
    expect(response.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });
});
