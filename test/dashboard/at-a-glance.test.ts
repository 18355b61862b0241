import { ApplicationStatus, AuditionRequestStatus, Gender } from "../../entities";
import { AtAGlanceCountsDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { daysFromNow } from "../support/fixtures";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

describe("At a Glance and application counts", () => {
  it("count exactly what the contract says, for this talent only", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Counted", { gender: Gender.FEMALE }, { rolesMatchedSeenAt: daysFromNow(-7) });
    const other = await f.talent("Someone Else", { gender: Gender.FEMALE }, { rolesMatchedSeenAt: daysFromNow(-3) });
    const director = await f.director();
    const cd = director.user.id;
    const open = await f.production(cd);
    const expired = await f.production(cd, { expiresAt: daysFromNow(-1) });
    const me = talent.user.id;

    // newMessages: unread messages addressed to the talent.
    await f.message(cd, me);
    await f.message(cd, me);
    await f.message(cd, me, { readAt: daysFromNow(-1) });
    await f.message(cd, other.user.id);
    await f.message(me, cd);

    // newInvitations: unanswered (still INVITED), on open productions.
    const invitedOpen = await f.application(
      me,
      (await f.role(open.id, { createdAt: daysFromNow(-30) })).id,
      ApplicationStatus.INVITED,
    );
    await f.invitation(invitedOpen, cd);
    const invitedExpired = await f.application(me, (await f.role(expired.id)).id, ApplicationStatus.INVITED);
    await f.invitation(invitedExpired, cd);
    const accepted = await f.application(
      me,
      (await f.role(open.id, { createdAt: daysFromNow(-30) })).id,
      ApplicationStatus.DRAFT,
    );
    await f.invitation(accepted, cd, { respondedAt: daysFromNow(-1) });

    // draftApplications: DRAFT on open productions (the accepted invitation above is one).
    await f.application(me, (await f.role(open.id, { createdAt: daysFromNow(-30) })).id, ApplicationStatus.DRAFT);
    await f.application(me, (await f.role(expired.id)).id, ApplicationStatus.DRAFT);

    // auditionRequests: REQUESTED and not yet due.
    const submitted = await f.application(
      me,
      (await f.role(open.id, { createdAt: daysFromNow(-30) })).id,
      ApplicationStatus.SUBMITTED,
    );
    await f.auditionRequest(submitted, cd, { dueAt: daysFromNow(2) });
    await f.auditionRequest(submitted, cd, { dueAt: daysFromNow(-1) });
    await f.auditionRequest(submitted, cd, { status: AuditionRequestStatus.SUBMITTED, tapeUrl: "https://x.test/t" });
    await f.application(me, (await f.role(expired.id)).id, ApplicationStatus.SUBMITTED);
    await f.application(me, (await f.role(open.id, { createdAt: daysFromNow(-30) })).id, ApplicationStatus.DECLINED);

    // newRolesMatched: open, matching, created since last seen, not applied to.
    await f.role(open.id, { createdAt: daysFromNow(-1) });
    await f.role(open.id, { createdAt: daysFromNow(-2), gender: Gender.FEMALE });
    await f.role(open.id, { createdAt: daysFromNow(-1), gender: Gender.MALE });
    await f.role(open.id, { createdAt: daysFromNow(-8) });
    await f.role(expired.id, { createdAt: daysFromNow(-1) });
    const appliedNew = await f.role(open.id, { createdAt: daysFromNow(-1) });
    await f.application(me, appliedNew.id, ApplicationStatus.DRAFT);

    const response = await request(gateway.app.url, AtAGlanceCountsDocument, {}, { token: talent.token });
    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual({
      dashboard: {
        atAGlance: { newMessages: 2, newInvitations: 1, auditionRequests: 1, draftApplications: 3, newRolesMatched: 2 },
        applicationCounts: { all: 9, invites: 2, drafts: 4, active: 1, auditions: 1, archived: 3 },
      },
    });

    const otherResponse = await request(gateway.app.url, AtAGlanceCountsDocument, {}, { token: other.token });
    expect(otherResponse.data).toEqual({
      dashboard: {
        atAGlance: { newMessages: 1, newInvitations: 0, auditionRequests: 0, draftApplications: 0, newRolesMatched: 3 },
        applicationCounts: { all: 0, invites: 0, drafts: 0, active: 0, auditions: 0, archived: 0 },
      },
    });
  });
});
