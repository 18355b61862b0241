import { Application, ApplicationStatus, AuditionRequest, Invitation } from "../../entities";
import {
  RespondToInvitationInFullDocument,
  SaveDraftApplicationInFullDocument,
  SubmitApplicationInFullDocument,
  SubmitSelfTapeInFullDocument,
} from "../generated/operations";
import { daysFromNow } from "../support/fixtures";
import { expectInvalid, expectNothingWritten, expectRefusal, text, useHarness, type Actor } from "./harness";

const h = useHarness();

let director: Actor;
let talent: Actor;
let otherTalent: Actor;
let productionId: string;
let roleCounter = 0;

beforeAll(async () => {
  [director, talent, otherTalent] = await Promise.all([
    h.signUp("CASTING_DIRECTOR", "Dana Director"),
    h.signUp("TALENT", "Tess Talent"),
    h.signUp("TALENT", "Theo Talent"),
  ]);
  productionId = await h.createProduction(director, { title: "Much Ado About Nothing" });
});

/** A new role on the open production. */
function openRole(): Promise<string> {
  roleCounter += 1;
  return h.addRole(director, productionId, { name: `Role ${roleCounter}` });
}

/** A role whose production's casting call has expired: only reachable by a direct insert. */
async function expiredRole() {
  const production = await h.fixtures.production(Number(director.id), { expiresAt: daysFromNow(-1) });
  return h.fixtures.role(production.id);
}

function storedApplication(id: string | number): Promise<Application> {
  return h.db.getRepository(Application).findOneByOrFail({ id: Number(id) });
}

function storedInvitation(id: string): Promise<Invitation> {
  return h.db.getRepository(Invitation).findOneByOrFail({ id: Number(id) });
}

describe("respondToInvitation", () => {
  it("accepting moves the invitation's application to DRAFT and marks the invitation answered", async () => {
    const { applicationId, invitationId } = await h.invite(director, await openRole(), talent);
    const data = await h.ok(RespondToInvitationInFullDocument, { applicationId, accept: true }, talent);

    const updatedAt = new Date(data.respondToInvitation.updatedAt);
    expect(data.respondToInvitation).toEqual({
      id: applicationId,
      status: "DRAFT",
      updatedAt: updatedAt.toISOString(),
      invitation: { id: invitationId },
    });
    expect(await storedApplication(applicationId)).toMatchObject({
      status: ApplicationStatus.DRAFT,
      updatedAt,
      submittedAt: null,
    });
    expect(await storedInvitation(invitationId)).toMatchObject({ respondedAt: updatedAt });
  });

  it("declining moves it to DECLINED", async () => {
    const { applicationId, invitationId } = await h.invite(director, await openRole(), talent);
    const data = await h.ok(RespondToInvitationInFullDocument, { applicationId, accept: false }, talent);
    expect(data.respondToInvitation.status).toBe("DECLINED");
    const updatedAt = new Date(data.respondToInvitation.updatedAt);
    expect(await storedApplication(applicationId)).toMatchObject({ status: ApplicationStatus.DECLINED, updatedAt });
    expect(await storedInvitation(invitationId)).toMatchObject({ respondedAt: updatedAt });
  });

  it("answers another talent's application, or a missing one, as not found", async () => {
    const { applicationId } = await h.invite(director, await openRole(), talent);
    await expectNothingWritten(h.db, async () => {
      for (const [actor, id] of [
        [otherTalent, applicationId],
        [talent, "999999"],
      ] as const) {
        const response = await h.call(RespondToInvitationInFullDocument, { applicationId: id, accept: true }, actor);
        expectRefusal(response, "NOT_FOUND", { message: `Application '${id}' does not exist` });
      }
    });
  });

  it("refuses an invitation already answered", async () => {
    const { applicationId } = await h.invite(director, await openRole(), talent);
    await h.ok(RespondToInvitationInFullDocument, { applicationId, accept: false }, talent);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(RespondToInvitationInFullDocument, { applicationId, accept: true }, talent);
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "applicationId",
        message: `Application '${applicationId}' is not an unanswered invitation: it is DECLINED`,
      });
    });
  });

  it("refuses to accept once the casting call has expired, but lets the talent decline", async () => {
    const role = await expiredRole();
    const application = await h.fixtures.application(Number(talent.id), role.id, ApplicationStatus.INVITED);
    await h.fixtures.invitation(application, Number(director.id));
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        RespondToInvitationInFullDocument,
        { applicationId: String(application.id), accept: true },
        talent,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "applicationId",
        message: `The casting call for application '${application.id}' has expired: the invitation can only be declined`,
      });
    });
    const declined = await h.ok(
      RespondToInvitationInFullDocument,
      { applicationId: String(application.id), accept: false },
      talent,
    );
    expect(declined.respondToInvitation.status).toBe("DECLINED");
  });

  it("is for talent only", async () => {
    const { applicationId } = await h.invite(director, await openRole(), talent);
    await expectNothingWritten(h.db, async () => {
      expectRefusal(
        await h.call(RespondToInvitationInFullDocument, { applicationId, accept: true }, director),
        "FORBIDDEN",
      );
      expectRefusal(
        await h.call(RespondToInvitationInFullDocument, { applicationId, accept: true }, null),
        "UNAUTHENTICATED",
      );
    });
  });
});

describe("saveDraftApplication", () => {
  it("creates a draft for an open role", async () => {
    const roleId = await openRole();
    const data = await h.ok(
      SaveDraftApplicationInFullDocument,
      { input: { roleId, coverLetter: "  Dear casting team,  " } },
      talent,
    );

    const draft = data.saveDraftApplication;
    expect(draft).toEqual({
      id: expect.any(String),
      status: "DRAFT",
      coverLetter: "Dear casting team,",
      createdAt: draft.createdAt,
      updatedAt: draft.createdAt,
      submittedAt: null,
      role: { id: roleId },
      invitation: null,
      auditionRequests: [],
    });
    expect(await storedApplication(draft.id)).toEqual({
      id: Number(draft.id),
      talentId: Number(talent.id),
      roleId: Number(roleId),
      status: ApplicationStatus.DRAFT,
      coverLetter: "Dear casting team,",
      createdAt: new Date(draft.createdAt),
      updatedAt: new Date(draft.createdAt),
      submittedAt: null,
      seenAt: null,
    });
  });

  it("updates the talent's draft for the role: a new letter replaces it, an absent one keeps it, null clears it", async () => {
    const roleId = await openRole();
    const id = await h.saveDraft(talent, roleId, "First letter");
    const created = await storedApplication(id);

    const replaced = await h.ok(
      SaveDraftApplicationInFullDocument,
      { input: { roleId, coverLetter: "Second letter" } },
      talent,
    );
    expect(replaced.saveDraftApplication).toMatchObject({
      id,
      coverLetter: "Second letter",
      createdAt: created.createdAt.toISOString(),
    });
    const afterReplace = await storedApplication(id);
    expect(afterReplace).toMatchObject({ coverLetter: "Second letter", createdAt: created.createdAt });
    expect(afterReplace.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

    const kept = await h.ok(SaveDraftApplicationInFullDocument, { input: { roleId } }, talent);
    expect(kept.saveDraftApplication).toMatchObject({ id, coverLetter: "Second letter" });
    const cleared = await h.ok(SaveDraftApplicationInFullDocument, { input: { roleId, coverLetter: null } }, talent);
    expect(cleared.saveDraftApplication).toMatchObject({ id, coverLetter: null });
    expect(await h.db.getRepository(Application).countBy({ talentId: Number(talent.id), roleId: Number(roleId) })).toBe(
      1,
    );
    expect((await storedApplication(id)).coverLetter).toBeNull();
  });

  it("keeps one application when two first saves race", async () => {
    const roleId = await openRole();
    const [first, second] = await Promise.all([
      h.call(SaveDraftApplicationInFullDocument, { input: { roleId, coverLetter: "one" } }, otherTalent),
      h.call(SaveDraftApplicationInFullDocument, { input: { roleId, coverLetter: "two" } }, otherTalent),
    ]);
    expect(first!.errors).toBeUndefined();
    expect(second!.errors).toBeUndefined();
    expect(first!.data!.saveDraftApplication.id).toBe(second!.data!.saveDraftApplication.id);
    expect(
      await h.db.getRepository(Application).countBy({ talentId: Number(otherTalent.id), roleId: Number(roleId) }),
    ).toBe(1);
  });

  it("answers a missing role as not found", async () => {
    await expectNothingWritten(h.db, async () => {
      expectRefusal(
        await h.call(SaveDraftApplicationInFullDocument, { input: { roleId: "999999" } }, talent),
        "NOT_FOUND",
        {
          message: "Role '999999' does not exist",
        },
      );
    });
  });

  it("refuses a role whose casting call has expired", async () => {
    const role = await expiredRole();
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(SaveDraftApplicationInFullDocument, { input: { roleId: String(role.id) } }, talent);
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "roleId",
        message: `The casting call for role '${role.id}' has expired`,
      });
    });
  });

  it("refuses while an invitation to the role is unanswered", async () => {
    const roleId = await openRole();
    await h.invite(director, roleId, talent);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SaveDraftApplicationInFullDocument,
        { input: { roleId, coverLetter: "Hello" } },
        talent,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "roleId",
        message: `You were invited to role '${roleId}': respond to the invitation first`,
      });
    });
  });

  it("refuses once the application is submitted or the invitation declined", async () => {
    const submittedRole = await openRole();
    await h.ok(SubmitApplicationInFullDocument, { id: await h.saveDraft(talent, submittedRole) }, talent);
    const declinedRole = await openRole();
    const { applicationId } = await h.invite(director, declinedRole, talent);
    await h.ok(RespondToInvitationInFullDocument, { applicationId, accept: false }, talent);

    await expectNothingWritten(h.db, async () => {
      expectRefusal(
        await h.call(SaveDraftApplicationInFullDocument, { input: { roleId: submittedRole } }, talent),
        "BAD_USER_INPUT",
        {
          field: "roleId",
          message: `Your application to role '${submittedRole}' has already been submitted`,
        },
      );
      expectRefusal(
        await h.call(SaveDraftApplicationInFullDocument, { input: { roleId: declinedRole } }, talent),
        "BAD_USER_INPUT",
        {
          field: "roleId",
          message: `You declined the invitation to role '${declinedRole}'`,
        },
      );
    });
  });

  it("refuses a cover letter of 5001 characters", async () => {
    const roleId = await openRole();
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SaveDraftApplicationInFullDocument,
        { input: { roleId, coverLetter: text(5001) } },
        talent,
      );
      expectInvalid(response, "coverLetter", "must be at most 5000 characters");
    });
  });

  it("is for talent only", async () => {
    const roleId = await openRole();
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(SaveDraftApplicationInFullDocument, { input: { roleId } }, director), "FORBIDDEN");
      expectRefusal(await h.call(SaveDraftApplicationInFullDocument, { input: { roleId } }, null), "UNAUTHENTICATED");
    });
  });
});

describe("submitApplication", () => {
  it("submits the talent's draft", async () => {
    const id = await h.saveDraft(talent, await openRole(), "Please consider me");
    const draft = await storedApplication(id);
    const data = await h.ok(SubmitApplicationInFullDocument, { id }, talent);

    const submittedAt = data.submitApplication.submittedAt!;
    expect(data.submitApplication).toEqual({
      id,
      status: "SUBMITTED",
      createdAt: draft.createdAt.toISOString(),
      updatedAt: submittedAt,
      submittedAt: expect.any(String),
      coverLetter: "Please consider me",
    });
    expect(await storedApplication(id)).toEqual({
      ...draft,
      status: ApplicationStatus.SUBMITTED,
      updatedAt: new Date(submittedAt),
      submittedAt: new Date(submittedAt),
    });
  });

  it("answers another talent's application, or a missing one, as not found", async () => {
    const id = await h.saveDraft(talent, await openRole());
    await expectNothingWritten(h.db, async () => {
      for (const [actor, applicationId] of [
        [otherTalent, id],
        [talent, "999999"],
      ] as const) {
        const response = await h.call(SubmitApplicationInFullDocument, { id: applicationId }, actor);
        expectRefusal(response, "NOT_FOUND", { message: `Application '${applicationId}' does not exist` });
      }
    });
  });

  it("refuses an application that is not a draft", async () => {
    const { applicationId: invited } = await h.invite(director, await openRole(), talent);
    const submitted = await h.saveDraft(talent, await openRole());
    await h.ok(SubmitApplicationInFullDocument, { id: submitted }, talent);
    await expectNothingWritten(h.db, async () => {
      for (const [id, status] of [
        [invited, "INVITED"],
        [submitted, "SUBMITTED"],
      ]) {
        expectRefusal(await h.call(SubmitApplicationInFullDocument, { id }, talent), "BAD_USER_INPUT", {
          field: "id",
          message: `Application '${id}' is not a draft: it is ${status}`,
        });
      }
    });
  });

  it("refuses a draft whose casting call has expired", async () => {
    const role = await expiredRole();
    const draft = await h.fixtures.application(Number(talent.id), role.id, ApplicationStatus.DRAFT);
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(SubmitApplicationInFullDocument, { id: String(draft.id) }, talent), "BAD_USER_INPUT", {
        field: "id",
        message: `The casting call for application '${draft.id}' has expired`,
      });
    });
  });

  it("is for talent only", async () => {
    const id = await h.saveDraft(talent, await openRole());
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(SubmitApplicationInFullDocument, { id }, director), "FORBIDDEN");
      expectRefusal(await h.call(SubmitApplicationInFullDocument, { id }, null), "UNAUTHENTICATED");
    });
  });
});

describe("submitSelfTape", () => {
  async function auditionRequestFor(who: Actor): Promise<{ requestId: string; applicationId: string }> {
    const applicationId = await h.submitted(who, await openRole());
    return { requestId: await h.requestAudition(director, applicationId), applicationId };
  }

  it("answers the talent's audition request with the tape", async () => {
    const { requestId, applicationId } = await auditionRequestFor(talent);
    const before = await h.db.getRepository(AuditionRequest).findOneByOrFail({ id: Number(requestId) });
    const url = "https://video.example.test/tapes/42?take=2";
    const data = await h.ok(SubmitSelfTapeInFullDocument, { auditionRequestId: requestId, url: `  ${url} ` }, talent);

    expect(data.submitSelfTape).toEqual({
      id: requestId,
      status: "SUBMITTED",
      tapeUrl: url,
      dueAt: before.dueAt.toISOString(),
      application: { id: applicationId },
    });
    const stored = await h.db.getRepository(AuditionRequest).findOneByOrFail({ id: Number(requestId) });
    expect(stored).toEqual({ ...before, status: "SUBMITTED", tapeUrl: url, submittedAt: expect.any(Date) });
    expect(Math.abs(stored.submittedAt!.getTime() - Date.now())).toBeLessThan(10_000);
  });

  it("answers another talent's request, or a missing one, as not found", async () => {
    const { requestId } = await auditionRequestFor(talent);
    await expectNothingWritten(h.db, async () => {
      for (const [actor, id] of [
        [otherTalent, requestId],
        [talent, "999999"],
      ] as const) {
        const response = await h.call(
          SubmitSelfTapeInFullDocument,
          { auditionRequestId: id, url: "https://example.test/t" },
          actor,
        );
        expectRefusal(response, "NOT_FOUND", { message: `AuditionRequest '${id}' does not exist` });
      }
    });
  });

  it("refuses a request already answered", async () => {
    const { requestId } = await auditionRequestFor(talent);
    await h.ok(
      SubmitSelfTapeInFullDocument,
      { auditionRequestId: requestId, url: "https://example.test/first" },
      talent,
    );
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SubmitSelfTapeInFullDocument,
        { auditionRequestId: requestId, url: "https://example.test/second" },
        talent,
      );
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "auditionRequestId",
        message: `Audition request '${requestId}' already has a self-tape`,
      });
    });
  });

  it("refuses a request past its due date", async () => {
    const application = await storedApplication(await h.saveDraft(talent, await openRole()));
    const pastDue = await h.fixtures.auditionRequest(application, Number(director.id), { dueAt: daysFromNow(-1) });
    await expectNothingWritten(h.db, async () => {
      const variables = { auditionRequestId: String(pastDue.id), url: "https://example.test/late" };
      const response = await h.call(SubmitSelfTapeInFullDocument, variables, talent);
      expectRefusal(response, "BAD_USER_INPUT", {
        field: "auditionRequestId",
        message: `Audition request '${pastDue.id}' was due at ${pastDue.dueAt.toISOString()}`,
      });
    });
  });

  it.each([
    ["a URL that is not http(s)", "ftp://example.test/tape", "Invalid url: must be an http or https URL"],
    ["text that is not a URL", "my tape", "Invalid url: must be an http or https URL"],
    ["a URL of 2049 characters", `https://example.test/${text(2028)}`, "Invalid url: must be at most 2048 characters"],
  ])("refuses %s", async (_label, url, message) => {
    const { requestId } = await auditionRequestFor(talent);
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(SubmitSelfTapeInFullDocument, { auditionRequestId: requestId, url }, talent);
      expectRefusal(response, "BAD_USER_INPUT", { field: "url", message });
    });
  });

  it("is for talent only", async () => {
    const { requestId } = await auditionRequestFor(talent);
    await expectNothingWritten(h.db, async () => {
      const variables = { auditionRequestId: requestId, url: "https://example.test/t" };
      expectRefusal(await h.call(SubmitSelfTapeInFullDocument, variables, director), "FORBIDDEN");
      expectRefusal(await h.call(SubmitSelfTapeInFullDocument, variables, null), "UNAUTHENTICATED");
    });
  });
});
