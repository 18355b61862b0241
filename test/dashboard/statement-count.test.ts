import { ApplicationStatus, MediaKind } from "../../entities";
import { DashboardDocument } from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { createStatementCounter } from "../support/statement-counter";
import { statementShape, type StatementShape } from "../support/statement-shape";
import { useGateway } from "../support/use-gateway";

/** The budget for one Dashboard operation. */
const STATEMENT_BUDGET = 10;

const counter = createStatementCounter();
const gateway = useGateway({ databaseLogger: counter });

/**
 * A talent with `rows` of everything: applications on as many productions by
 * as many casting directors, each with an audition request, messages from as
 * many senders about as many productions, views, media.
 */
async function talentWithRowsPerList(rows: number): Promise<TestUser> {
  const f = gateway.fixtures;
  const talent = await f.talent(`Talent with ${rows} rows`);
  const me = talent.user.id;
  for (let i = 0; i < rows; i += 1) {
    const director = await f.director(`Director ${i}`);
    const production = await f.production(director.user.id, { expiresAt: daysFromNow(i % 2 === 0 ? 10 : -10) });
    const application = await f.application(me, (await f.role(production.id)).id, ApplicationStatus.SUBMITTED);
    await f.auditionRequest(application, director.user.id);
    await f.message(director.user.id, me, { productionId: production.id });
    await f.view(me, production.id, daysFromNow(-i / 100));
    await f.media(me, MediaKind.PHOTO);
  }
  return talent;
}

async function statementsForDashboard(talent: TestUser): Promise<string[]> {
  counter.reset();
  const response = await request(gateway.app.url, DashboardDocument, {}, { token: talent.token });
  expect(response.errors).toBeUndefined();
  expect(response.data!.dashboard.applications.edges).toHaveLength(10);
  return [...counter.statements];
}

/** Shapes in a fixed order, to compare as a set: resolvers run in an order of graphql-js's choosing. */
function inOneOrder(shapes: StatementShape[]): StatementShape[] {
  return [...shapes].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/**
 * The Dashboard's five statements: every count in one summary, one page per
 * list (applications with their roles, productions and casting directors;
 * recent messages with their senders and productions; recently viewed
 * productions), and the audition requests of the page's ten applications in
 * one batch.
 */
const DASHBOARD_STATEMENTS: StatementShape[] = [
  {
    kind: "counts",
    tables: [
      "applications",
      "audition_requests",
      "invitations",
      "media_items",
      "messages",
      "productions",
      "role_match_settlement",
      "roles",
      "talent_credits",
      "talent_profiles",
      "talent_skills",
      "users",
    ],
  },
  { kind: "page", tables: ["applications", "productions", "roles", "users"] },
  { kind: "page", tables: ["messages", "productions", "users"] },
  { kind: "page", tables: ["production_views", "productions"] },
  { kind: "batch", tables: ["audition_requests"], keys: 10 },
];

describe("the Dashboard operation", () => {
  it(`takes the same small number of SQL statements at 10 and at 100 rows per list (budget ${STATEMENT_BUDGET})`, async () => {
    const small = await statementsForDashboard(await talentWithRowsPerList(10));
    const large = await statementsForDashboard(await talentWithRowsPerList(100));
    expect(large.length).toBe(small.length);
    expect(small.length).toBeLessThanOrEqual(STATEMENT_BUDGET);
    // Summary, applications page (with the casting directors), audition requests, messages page, views.
    expect(small.length).toBe(5);
  });

  it("reads every count in one summary, each list in one page, and the page's audition requests in one batch", async () => {
    for (const rows of [10, 100]) {
      const statements = await statementsForDashboard(await talentWithRowsPerList(rows));
      expect(inOneOrder(statements.map(statementShape))).toEqual(inOneOrder(DASHBOARD_STATEMENTS));
    }
  });
});
