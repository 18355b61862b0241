import { ApplicationStatus, Gender, UnionStatus } from "../../entities";
import type { Production } from "../../entities/production.entity";
import { CastingCallDocument } from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { createStatementCounter } from "../support/statement-counter";
import { useGateway } from "../support/use-gateway";

const counter = createStatementCounter();
const gateway = useGateway({ databaseLogger: counter });

let talent: TestUser;
let otherTalent: TestUser;
let director: TestUser;
let otherDirector: TestUser;
let open: Production;
const roles: Record<string, number> = {};
let draftId: number;

beforeAll(async () => {
  const f = gateway.fixtures;
  talent = await f.talent("Tess Talent", {
    gender: Gender.FEMALE,
    playableAgeMin: 25,
    playableAgeMax: 35,
    location: "London",
    unionStatus: UnionStatus.UNION,
  });
  otherTalent = await f.talent("Olly Other", { gender: Gender.MALE });
  director = await f.director("Dana Director");
  otherDirector = await f.director("Omar Other");
  open = await f.production(director.user.id, { title: "The Tempest", location: "London" });
  roles.anyone = (await f.role(open.id, { name: "Anyone", createdAt: daysFromNow(-3) })).id;
  roles.miranda = (
    await f.role(open.id, {
      name: "Miranda",
      description: "Prospero's daughter",
      gender: Gender.FEMALE,
      ageMin: 18,
      ageMax: 28,
      location: "london",
      unionStatus: UnionStatus.UNION,
      createdAt: daysFromNow(-2),
    })
  ).id;
  roles.caliban = (await f.role(open.id, { name: "Caliban", gender: Gender.MALE, createdAt: daysFromNow(-1) })).id;
  roles.elder = (await f.role(open.id, { name: "Gonzalo", ageMin: 60, createdAt: daysFromNow(-0.5) })).id;
  draftId = (await f.application(talent.user.id, roles.miranda, ApplicationStatus.DRAFT)).id;
});

const castingCall = (viewer: TestUser | null, id: string) =>
  request(gateway.app.url, CastingCallDocument, { id }, viewer ? { token: viewer.token } : {});

describe("the casting call page", () => {
  it("shows a talent an open production, its director, its roles with their requirements, matches and their application", async () => {
    const response = await castingCall(talent, String(open.id));
    expect(response.errors).toBeUndefined();
    expect(response.data!.production).toEqual({
      id: String(open.id),
      title: "The Tempest",
      location: "London",
      expiresAt: open.expiresAt.toISOString(),
      isOpen: true,
      castingDirector: { id: String(director.user.id), name: "Dana Director" },
      roles: [
        {
          id: String(roles.anyone),
          name: "Anyone",
          description: null,
          requirements: { gender: null, ageMin: null, ageMax: null, location: null, unionStatus: null },
          matchesViewerProfile: true,
          viewerApplication: null,
        },
        {
          id: String(roles.miranda),
          name: "Miranda",
          description: "Prospero's daughter",
          requirements: { gender: "FEMALE", ageMin: 18, ageMax: 28, location: "london", unionStatus: "UNION" },
          matchesViewerProfile: true,
          viewerApplication: { id: String(draftId), status: "DRAFT" },
        },
        {
          id: String(roles.caliban),
          name: "Caliban",
          description: null,
          requirements: { gender: "MALE", ageMin: null, ageMax: null, location: null, unionStatus: null },
          matchesViewerProfile: false,
          viewerApplication: null,
        },
        {
          id: String(roles.elder),
          name: "Gonzalo",
          description: null,
          requirements: { gender: null, ageMin: 60, ageMax: null, location: null, unionStatus: null },
          matchesViewerProfile: false,
          viewerApplication: null,
        },
      ],
    });
  });

  it("answers each talent for themselves: another talent sees their own matches and no one else's application", async () => {
    const response = await castingCall(otherTalent, String(open.id));
    const shown = response.data!.production!.roles.map((role) => [
      role.name,
      role.matchesViewerProfile,
      role.viewerApplication,
    ]);
    // Olly's profile gives a gender only: an age requirement has no data to be met by.
    expect(shown).toEqual([
      ["Anyone", true, null],
      ["Miranda", false, null],
      ["Caliban", true, null],
      ["Gonzalo", false, null],
    ]);
  });

  it("shows a casting director their own production, with no talent's view of it", async () => {
    const response = await castingCall(director, String(open.id));
    expect(response.errors).toBeUndefined();
    const roleViews = response.data!.production!.roles.map((role) => [
      role.matchesViewerProfile,
      role.viewerApplication,
    ]);
    expect(roleViews).toEqual([
      [null, null],
      [null, null],
      [null, null],
      [null, null],
    ]);
  });

  it("is null alike for a production that does not exist, an id that names none, and one the viewer may not see", async () => {
    const f = gateway.fixtures;
    const closed = await f.production(director.user.id, { expiresAt: daysFromNow(-1) });
    await f.role(closed.id);
    const cases: Array<[TestUser, string]> = [
      [talent, "999999"],
      [talent, "abc"],
      [talent, "-1"],
      [talent, `0${open.id}`],
      [talent, "99999999999"],
      // A closed casting call the talent never took part in or looked at.
      [talent, String(closed.id)],
      // Another director's production, open or not.
      [otherDirector, String(open.id)],
      [otherDirector, String(closed.id)],
    ];
    for (const [viewer, id] of cases) {
      const response = await castingCall(viewer, id);
      expect({ id, response }).toEqual({ id, response: { status: 200, data: { production: null } } });
    }
  });

  it("still shows a talent a closed casting call they applied to, were invited to, or viewed", async () => {
    const f = gateway.fixtures;
    const closedCall = async () => {
      const production = await f.production(director.user.id, { expiresAt: daysFromNow(-1) });
      return { production, roleId: (await f.role(production.id)).id };
    };
    const applied = await closedCall();
    await f.application(talent.user.id, applied.roleId, ApplicationStatus.SUBMITTED);
    const invited = await closedCall();
    await f.invitation(
      await f.application(talent.user.id, invited.roleId, ApplicationStatus.INVITED),
      director.user.id,
    );
    const viewed = await closedCall();
    await f.view(talent.user.id, viewed.production.id, daysFromNow(-2));
    for (const call of [applied, invited, viewed]) {
      const response = await castingCall(talent, String(call.production.id));
      expect(response.data!.production).toMatchObject({ id: String(call.production.id), isOpen: false });
      // What the talent is shown for themselves is theirs alone.
      expect((await castingCall(otherTalent, String(call.production.id))).data!.production).toBeNull();
    }
  });

  it("needs a signed-in user", async () => {
    const response = await castingCall(null, String(open.id));
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("takes the same statements for one role as for twenty, however many the talent applied to", async () => {
    const f = gateway.fixtures;
    const statementsFor = async (roleCount: number) => {
      const production = await f.production(director.user.id);
      for (let index = 0; index < roleCount; index += 1) {
        const role = await f.role(production.id);
        if (index % 2 === 0) await f.application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
      }
      counter.reset();
      const response = await castingCall(talent, String(production.id));
      expect(response.data!.production!.roles).toHaveLength(roleCount);
      return counter.statements.length;
    };
    const one = await statementsFor(1);
    // The production (visibility in the same statement), its roles, its director, the matches, the applications.
    expect(one).toBe(5);
    expect(await statementsFor(20)).toBe(one);
  });
});
