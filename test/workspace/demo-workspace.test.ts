import { DEMO_CASTING_DIRECTOR } from "../../src/seed/demo-accounts";
import { seedDemoData } from "../../src/seed/seed";
import { CastingWorkspaceDocument, CastingWorkspaceInFullDocument, LoginDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

// The full tree of the demo director's workspace is checked here, so the cost budget is raised for it.
const gateway = useGateway({ env: { MAX_QUERY_COST: "10000000" } });

let token: string;

beforeAll(async () => {
  await seedDemoData(gateway.app.db, { talents: 40, seed: 7, now: new Date() });
  const login = await request(gateway.app.url, LoginDocument, {
    email: DEMO_CASTING_DIRECTOR.email,
    password: DEMO_CASTING_DIRECTOR.password,
  });
  token = login.data!.login.token;
}, 60_000);

describe("the demo casting director's workspace", () => {
  it("has something in every At a Glance count and in the overview", async () => {
    const response = await request(gateway.app.url, CastingWorkspaceDocument, {}, { token });
    expect(response.errors).toBeUndefined();
    const { atAGlance, productions } = response.data!.castingWorkspace;
    expect(atAGlance.unreadReplies).toBeGreaterThan(0);
    expect(atAGlance.newApplications).toBeGreaterThan(0);
    expect(atAGlance.newSelfTapes).toBeGreaterThan(0);
    expect(productions.totalCount).toBeGreaterThan(1);
    const submissions = productions.edges.flatMap((edge) =>
      edge.node.roles.flatMap((role) => role.applications.edges.map((application) => application.node)),
    );
    expect(submissions.some((submission) => submission.seenByCastingDirector === false)).toBe(true);
    expect(submissions.some((submission) => submission.talent.headshot !== null)).toBe(true);
  });

  it("shows, in the full tree, applicants with skills and credits, a cover letter and a submitted tape", async () => {
    const response = await request(gateway.app.url, CastingWorkspaceInFullDocument, {}, { token });
    expect(response.errors).toBeUndefined();
    const applications = response.data!.castingWorkspace.productions.edges.flatMap((edge) =>
      edge.node.roles.flatMap((role) => role.applications.edges.map((application) => application.node)),
    );
    expect(new Set(applications.map((application) => application.status))).toEqual(
      new Set(["INVITED", "SUBMITTED", "DECLINED"]),
    );
    expect(applications.some((application) => application.coverLetter !== null)).toBe(true);
    expect(applications.some((application) => application.talent.skills.length > 0)).toBe(true);
    expect(applications.some((application) => application.talent.credits.length > 0)).toBe(true);
    const tapes = applications.flatMap((application) => application.auditionRequests);
    expect(tapes.some((tape) => tape.tapeUrl !== null && tape.tapeSeenByCastingDirector === false)).toBe(true);
  });
});
