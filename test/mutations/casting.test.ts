import { Application, ApplicationStatus, AuditionRequest, Invitation, Production, Role } from "../../entities";
import {
  AddRoleInFullDocument,
  CreateProductionInFullDocument,
  InviteToApplyInFullDocument,
  RequestAuditionInFullDocument,
  RespondToInvitationInFullDocument,
  type AddRoleInput,
} from "../generated/operations";
import { FANNED_OUT } from "../../entities/role.entity";
import { finishFanOut } from "../support/finish-fan-out";
import { daysFromNow } from "../support/fixtures";
import {
  expectNothingWritten,
  expectInvalid,
  expectRefusal,
  isoDaysFromNow,
  text,
  useHarness,
  type Actor,
} from "./harness";

const h = useHarness();

let director: Actor;
let otherDirector: Actor;
let talent: Actor;
let otherTalent: Actor;

beforeAll(async () => {
  [director, otherDirector, talent, otherTalent] = await Promise.all([
    h.signUp("CASTING_DIRECTOR", "Dana Director"),
    h.signUp("CASTING_DIRECTOR", "Omar Other"),
    h.signUp("TALENT", "Tess Talent"),
    h.signUp("TALENT", "Theo Talent"),
  ]);
});

/** A production of the director's whose casting call has closed: only reachable by a direct insert. */
async function expiredProductionOf(owner: Actor): Promise<Production> {
  return h.fixtures.production(Number(owner.id), { expiresAt: daysFromNow(-1) });
}

describe("createProduction", () => {
  it("creates an open production owned by the director, with trimmed text", async () => {
    const expiresAt = isoDaysFromNow(60);
    const data = await h.ok(
      CreateProductionInFullDocument,
      { input: { title: "  Hamlet  ", location: " London ", expiresAt } },
      director,
    );

    const id = data.createProduction.id;
    expect(data.createProduction).toEqual({
      id,
      title: "Hamlet",
      location: "London",
      expiresAt,
      isOpen: true,
      castingDirector: { id: director.id },
    });
    const stored = await h.db.getRepository(Production).findOneByOrFail({ id: Number(id) });
    expect(stored).toEqual({
      id: Number(id),
      castingDirectorId: Number(director.id),
      title: "Hamlet",
      location: "London",
      expiresAt: new Date(expiresAt),
      createdAt: expect.any(Date),
    });
    expect(Math.abs(stored.createdAt.getTime() - Date.now())).toBeLessThan(10_000);
  });

  it("stores a blank or missing location as none", async () => {
    const expiresAt = isoDaysFromNow(5);
    const blank = await h.ok(
      CreateProductionInFullDocument,
      { input: { title: "Blank", location: "   ", expiresAt } },
      director,
    );
    const missing = await h.ok(CreateProductionInFullDocument, { input: { title: "Missing", expiresAt } }, director);
    expect(blank.createProduction.location).toBeNull();
    expect(missing.createProduction.location).toBeNull();
    const rows = await h.db
      .getRepository(Production)
      .findBy([{ id: Number(blank.createProduction.id) }, { id: Number(missing.createProduction.id) }]);
    expect(rows.map((row) => row.location)).toEqual([null, null]);
  });

  it.each([
    ["a blank title", { title: "   " }, "title", "must be 1 to 200 characters"],
    ["a title of 201 characters", { title: text(201) }, "title", "must be 1 to 200 characters"],
    ["a location of 121 characters", { location: text(121) }, "location", "must be at most 120 characters"],
    ["an expiry in the past", { expiresAt: isoDaysFromNow(-1) }, "expiresAt", "must be in the future"],
    [
      "an expiry more than 2 years ahead",
      { expiresAt: isoDaysFromNow(2 * 366 + 1) },
      "expiresAt",
      "must be at most 2 years ahead",
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, override, field, problem) => {
    await expectNothingWritten(h.db, async () => {
      const input = { title: "Macbeth", expiresAt: isoDaysFromNow(10), ...override };
      expectInvalid(await h.call(CreateProductionInFullDocument, { input }, director), field, problem);
    });
  });

  it("is for casting directors only: a talent gets FORBIDDEN, an anonymous caller UNAUTHENTICATED", async () => {
    await expectNothingWritten(h.db, async () => {
      const input = { title: "Macbeth", expiresAt: isoDaysFromNow(10) };
      expectRefusal(await h.call(CreateProductionInFullDocument, { input }, talent), "FORBIDDEN");
      expectRefusal(await h.call(CreateProductionInFullDocument, { input }, null), "UNAUTHENTICATED");
    });
  });
});

describe("addRole", () => {
  let productionId: string;

  beforeAll(async () => {
    productionId = await h.createProduction(director, { title: "The Tempest" });
  });

  it("adds a role with its requirements to the director's open production", async () => {
    const input: AddRoleInput = {
      productionId,
      name: "  Miranda ",
      description: " Prospero's daughter ",
      requirements: { gender: "FEMALE", ageMin: 18, ageMax: 25, location: " London ", unionStatus: "UNION" },
    };
    const data = await h.ok(AddRoleInFullDocument, { input }, director);

    const id = data.addRole.id;
    await finishFanOut(h.db);
    expect(data.addRole).toEqual({
      id,
      name: "Miranda",
      description: "Prospero's daughter",
      createdAt: expect.any(String),
      production: { id: productionId },
    });
    expect(await h.db.getRepository(Role).findOneByOrFail({ id: Number(id) })).toEqual({
      id: Number(id),
      productionId: Number(productionId),
      name: "Miranda",
      description: "Prospero's daughter",
      gender: "FEMALE",
      ageMin: 18,
      ageMax: 25,
      location: "London",
      unionStatus: "UNION",
      createdAt: new Date(data.addRole.createdAt),
      countedThroughTalentId: FANNED_OUT,
    });
  });

  it("adds a role without requirements, which then has none", async () => {
    const data = await h.ok(AddRoleInFullDocument, { input: { productionId, name: "Ariel" } }, director);
    expect(await h.db.getRepository(Role).findOneByOrFail({ id: Number(data.addRole.id) })).toMatchObject({
      description: null,
      gender: null,
      ageMin: null,
      ageMax: null,
      location: null,
      unionStatus: null,
    });
  });

  it("answers another director's production exactly like a missing one", async () => {
    await expectNothingWritten(h.db, async () => {
      for (const [actor, id] of [
        [otherDirector, productionId],
        [director, "999999"],
        [director, "not-an-id"],
      ] as const) {
        const response = await h.call(AddRoleInFullDocument, { input: { productionId: id, name: "Caliban" } }, actor);
        expectRefusal(response, "NOT_FOUND", { message: `Production '${id}' does not exist` });
      }
    });
  });

  it("refuses a production whose casting call has expired", async () => {
    const expired = await expiredProductionOf(director);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        AddRoleInFullDocument,
        { input: { productionId: String(expired.id), name: "Late" } },
        director,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "productionId",
        message: `Production '${expired.id}' has expired: roles can only be added to open productions`,
      });
    });
  });

  it.each([
    ["a blank name", { name: " " }, "name", "must be 1 to 200 characters"],
    ["a description of 5001 characters", { description: text(5001) }, "description", "must be at most 5000 characters"],
    ["an ageMin above 120", { requirements: { ageMin: 121 } }, "requirements.ageMin", "must be between 0 and 120"],
    ["a negative ageMax", { requirements: { ageMax: -1 } }, "requirements.ageMax", "must be between 0 and 120"],
    [
      "ageMin above ageMax",
      { requirements: { ageMin: 30, ageMax: 20 } },
      "requirements.ageMax",
      "must be at least ageMin (30)",
    ],
    [
      "a location of 121 characters",
      { requirements: { location: text(121) } },
      "requirements.location",
      "must be at most 120 characters",
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, override, field, problem) => {
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        AddRoleInFullDocument,
        { input: { productionId, name: "Trinculo", ...override } },
        director,
      );
      expectInvalid(response, field, problem);
    });
  });

  it("is for casting directors only", async () => {
    await expectNothingWritten(h.db, async () => {
      expectRefusal(
        await h.call(AddRoleInFullDocument, { input: { productionId, name: "Stephano" } }, talent),
        "FORBIDDEN",
      );
      expectRefusal(
        await h.call(AddRoleInFullDocument, { input: { productionId, name: "Stephano" } }, null),
        "UNAUTHENTICATED",
      );
    });
  });
});

describe("inviteToApply", () => {
  let productionId: string;

  beforeAll(async () => {
    productionId = await h.createProduction(director, { title: "Twelfth Night" });
  });

  it("creates the talent's application in INVITED and the invitation, together", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Viola" });
    const data = await h.ok(
      InviteToApplyInFullDocument,
      { input: { roleId, talentId: talent.id, note: "  We loved your reel.  " } },
      director,
    );

    const invitation = data.inviteToApply;
    const applicationId = invitation.application.id;
    expect(invitation).toEqual({
      id: expect.any(String),
      note: "We loved your reel.",
      createdAt: expect.any(String),
      role: { id: roleId },
      castingDirector: { id: director.id },
      application: { id: applicationId, status: "INVITED", invitation: { id: invitation.id } },
    });
    const createdAt = new Date(invitation.createdAt);
    expect(await h.db.getRepository(Invitation).findOneByOrFail({ id: Number(invitation.id) })).toEqual({
      id: Number(invitation.id),
      applicationId: Number(applicationId),
      talentId: Number(talent.id),
      roleId: Number(roleId),
      castingDirectorId: Number(director.id),
      note: "We loved your reel.",
      createdAt,
      respondedAt: null,
    });
    expect(await h.db.getRepository(Application).findOneByOrFail({ id: Number(applicationId) })).toEqual({
      id: Number(applicationId),
      talentId: Number(talent.id),
      roleId: Number(roleId),
      status: ApplicationStatus.INVITED,
      coverLetter: null,
      createdAt,
      updatedAt: createdAt,
      submittedAt: null,
      seenAt: null,
    });
  });

  it("answers another director's role exactly like a missing one", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Olivia" });
    await expectNothingWritten(h.db, async () => {
      for (const [actor, id] of [
        [otherDirector, roleId],
        [director, "999999"],
      ] as const) {
        const response = await h.call(
          InviteToApplyInFullDocument,
          { input: { roleId: id, talentId: talent.id } },
          actor,
        );
        expectRefusal(response, "NOT_FOUND", { message: `Role '${id}' does not exist` });
      }
    });
  });

  it("refuses a role whose casting call has expired", async () => {
    const expired = await expiredProductionOf(director);
    const role = await h.fixtures.role(expired.id);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        InviteToApplyInFullDocument,
        { input: { roleId: String(role.id), talentId: talent.id } },
        director,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "roleId",
        message: `The casting call for role '${role.id}' has expired`,
      });
    });
  });

  it("finds no talent behind a casting director's id or a missing id", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Orsino" });
    await expectNothingWritten(h.db, async () => {
      for (const talentId of [otherDirector.id, "999999"]) {
        const response = await h.call(InviteToApplyInFullDocument, { input: { roleId, talentId } }, director);
        expectRefusal(response, "NOT_FOUND", { message: `User '${talentId}' does not exist` });
      }
    });
  });

  it("refuses to invite a talent who was already invited to, or has applied for, the role", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Malvolio" });
    await h.invite(director, roleId, talent);
    await h.saveDraft(otherTalent, roleId, "I am keen");
    await expectNothingWritten(h.db, async () => {
      for (const invitee of [talent, otherTalent]) {
        const response = await h.call(
          InviteToApplyInFullDocument,
          { input: { roleId, talentId: invitee.id } },
          director,
        );
        expectRefusal(response, "BAD_USER_INPUT", {
          field: "talentId",
          message: `Talent '${invitee.id}' has already applied or been invited to role '${roleId}'`,
        });
      }
    });
  });

  it("refuses a note of 2001 characters", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Feste" });
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        InviteToApplyInFullDocument,
        { input: { roleId, talentId: talent.id, note: text(2001) } },
        director,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "note",
        message: "Invalid note: must be at most 2000 characters",
      });
    });
  });

  it("is for casting directors only", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Sebastian" });
    await expectNothingWritten(h.db, async () => {
      expectRefusal(
        await h.call(InviteToApplyInFullDocument, { input: { roleId, talentId: talent.id } }, talent),
        "FORBIDDEN",
      );
      expectRefusal(
        await h.call(InviteToApplyInFullDocument, { input: { roleId, talentId: talent.id } }, null),
        "UNAUTHENTICATED",
      );
    });
  });
});

describe("requestAudition", () => {
  let productionId: string;

  beforeAll(async () => {
    productionId = await h.createProduction(director, { title: "King Lear" });
  });

  it("asks for a self-tape on an application to the director's role, for the application's talent", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Cordelia" });
    const applicationId = await h.submitted(talent, roleId);
    const dueAt = isoDaysFromNow(7);
    const data = await h.ok(
      RequestAuditionInFullDocument,
      { input: { applicationId, dueAt, instructions: "  Act 1, scene 1. " } },
      director,
    );

    const id = data.requestAudition.id;
    expect(data.requestAudition).toEqual({
      id,
      instructions: "Act 1, scene 1.",
      dueAt,
      status: "REQUESTED",
      createdAt: expect.any(String),
      application: { id: applicationId },
    });
    expect(await h.db.getRepository(AuditionRequest).findOneByOrFail({ id: Number(id) })).toEqual({
      id: Number(id),
      applicationId: Number(applicationId),
      talentId: Number(talent.id),
      castingDirectorId: Number(director.id),
      instructions: "Act 1, scene 1.",
      dueAt: new Date(dueAt),
      status: "REQUESTED",
      tapeUrl: null,
      createdAt: new Date(data.requestAudition.createdAt),
      submittedAt: null,
      tapeSeenAt: null,
    });
  });

  it("may ask an invited talent who has not answered yet", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Goneril" });
    const { applicationId } = await h.invite(director, roleId, talent);
    const data = await h.ok(
      RequestAuditionInFullDocument,
      { input: { applicationId, dueAt: isoDaysFromNow(3) } },
      director,
    );
    expect(data.requestAudition).toMatchObject({
      status: "REQUESTED",
      instructions: null,
      application: { id: applicationId },
    });
  });

  it("answers an application to another director's role exactly like a missing one", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Regan" });
    const applicationId = await h.submitted(talent, roleId);
    await expectNothingWritten(h.db, async () => {
      for (const [actor, id] of [
        [otherDirector, applicationId],
        [director, "999999"],
      ] as const) {
        const response = await h.call(
          RequestAuditionInFullDocument,
          { input: { applicationId: id, dueAt: isoDaysFromNow(3) } },
          actor,
        );
        expectRefusal(response, "NOT_FOUND", { message: `Application '${id}' does not exist` });
      }
    });
  });

  it("refuses an application the talent declined", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Edmund" });
    const { applicationId } = await h.invite(director, roleId, talent);
    await h.ok(RespondToInvitationInFullDocument, { applicationId, accept: false }, talent);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        RequestAuditionInFullDocument,
        { input: { applicationId, dueAt: isoDaysFromNow(3) } },
        director,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "applicationId",
        message: `Application '${applicationId}' was declined by the talent`,
      });
    });
  });

  it.each([
    ["a due date in the past", { dueAt: isoDaysFromNow(-1) }, "dueAt", "must be in the future"],
    ["a due date more than a year ahead", { dueAt: isoDaysFromNow(367) }, "dueAt", "must be at most 1 year ahead"],
    [
      "instructions of 5001 characters",
      { instructions: text(5001) },
      "instructions",
      "must be at most 5000 characters",
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, override, field, problem) => {
    const roleId = await h.addRole(director, productionId, { name: "Edgar" });
    const applicationId = await h.submitted(otherTalent, roleId);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        RequestAuditionInFullDocument,
        { input: { applicationId, dueAt: isoDaysFromNow(3), ...override } },
        director,
      );
      expectInvalid(response, field, problem);
    });
  });

  it("is for casting directors only", async () => {
    const roleId = await h.addRole(director, productionId, { name: "Fool" });
    const applicationId = await h.submitted(talent, roleId);
    await expectNothingWritten(h.db, async () => {
      const variables = { input: { applicationId, dueAt: isoDaysFromNow(3) } };
      expectRefusal(await h.call(RequestAuditionInFullDocument, variables, talent), "FORBIDDEN");
      expectRefusal(await h.call(RequestAuditionInFullDocument, variables, null), "UNAUTHENTICATED");
    });
  });
});
