import { AccountType, ApplicationStatus, AuditionRequestStatus, MediaKind } from "../../entities";
import { Application } from "../../entities/application.entity";
import { AuditionRequest } from "../../entities/audition-request.entity";
import { MediaItem } from "../../entities/media-item.entity";
import { Production } from "../../entities/production.entity";
import { Role } from "../../entities/role.entity";
import { TalentCredit } from "../../entities/talent-credit.entity";
import { TalentSkill } from "../../entities/talent-skill.entity";
import { User } from "../../entities/user.entity";
import { CastingWorkspaceInFullDocument } from "../generated/operations";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { request } from "../support/graphql-http";
import { createStatementCounter } from "../support/statement-counter";
import { useGateway } from "../support/use-gateway";

const counter = createStatementCounter();
// The whole tree at 10 × 5 × 20 is far above the default cost budget (see the operation's comment).
const gateway = useGateway({ databaseLogger: counter, env: { MAX_QUERY_COST: "10000000" } });

const PRODUCTIONS = 10;
const ROLES_PER_PRODUCTION = 5;

let talentIds: number[] = [];

/** `count` talents in a few bulk statements (fixtures one by one would take minutes at a thousand). */
async function bulkTalents(count: number, label: string): Promise<number[]> {
  const users = gateway.app.db.getRepository(User);
  const ids: number[] = [];
  for (let start = 0; start < count; start += 250) {
    const rows = Array.from({ length: Math.min(250, count - start) }, (_, index) => ({
      email: `${label}-${start + index}-${Date.now()}@bulk.test`,
      passwordHash: "not-a-real-hash",
      name: `${label} ${start + index}`,
      accountType: AccountType.TALENT,
      rolesMatchedSeenAt: daysFromNow(-30),
      createdAt: daysFromNow(-60),
    }));
    const result = await users.insert(rows);
    ids.push(...result.identifiers.map((identifier) => Number(identifier.id)));
  }
  return ids;
}

async function insertInChunks<T extends object>(target: { new (): T }, rows: T[] | object[]): Promise<void> {
  const repository = gateway.app.db.getRepository(target);
  for (let start = 0; start < rows.length; start += 250) {
    await repository.insert(rows.slice(start, start + 250) as never);
  }
}

/** A director with 10 productions × 5 roles, `perRole` applications on each, every one with a tape. */
async function directorWith(perRole: number): Promise<TestUser> {
  const f = gateway.fixtures;
  const director = await f.director(`Director with ${perRole} per role`);
  const applications: object[] = [];
  for (let p = 0; p < PRODUCTIONS; p += 1) {
    const production = await gateway.app.db.getRepository(Production).save({
      castingDirectorId: director.user.id,
      title: `Production ${p}`,
      location: null,
      expiresAt: daysFromNow(30),
      createdAt: daysFromNow(-p),
    });
    for (let r = 0; r < ROLES_PER_PRODUCTION; r += 1) {
      const role = await gateway.app.db.getRepository(Role).save({
        productionId: production.id,
        name: `Role ${r}`,
        description: null,
        gender: null,
        ageMin: null,
        ageMax: null,
        location: null,
        unionStatus: null,
        createdAt: daysFromNow(-5),
      });
      for (let a = 0; a < perRole; a += 1) {
        applications.push({
          talentId: talentIds[a]!,
          roleId: role.id,
          status: ApplicationStatus.SUBMITTED,
          coverLetter: "Hello",
          createdAt: daysFromNow(-3),
          updatedAt: daysFromNow(-a / 1000),
          submittedAt: daysFromNow(-a / 1000),
          seenAt: null,
        });
      }
    }
  }
  await insertInChunks(Application, applications);
  const inserted = await gateway.app.db.getRepository(Application).find({
    where: { status: ApplicationStatus.SUBMITTED },
    relations: { role: { production: true } },
  });
  await insertInChunks(
    AuditionRequest,
    inserted
      .filter((application) => application.role!.production!.castingDirectorId === director.user.id)
      .map((application) => ({
        applicationId: application.id,
        talentId: application.talentId,
        castingDirectorId: director.user.id,
        instructions: null,
        dueAt: daysFromNow(3),
        status: AuditionRequestStatus.SUBMITTED,
        tapeUrl: "https://media.example.test/tape.mp4",
        createdAt: daysFromNow(-1),
        submittedAt: daysFromNow(-0.5),
        tapeSeenAt: null,
      })),
  );
  return director;
}

async function statementsForWorkspace(director: TestUser, perRole: number): Promise<string[]> {
  counter.reset();
  const response = await request(
    gateway.app.url,
    CastingWorkspaceInFullDocument,
    { productions: PRODUCTIONS, applications: 20 },
    { token: director.token },
  );
  expect(response.errors).toBeUndefined();
  const productions = response.data!.castingWorkspace.productions.edges;
  expect(productions).toHaveLength(PRODUCTIONS);
  for (const production of productions) {
    expect(production.node.roles).toHaveLength(ROLES_PER_PRODUCTION);
    for (const role of production.node.roles) {
      expect(role.applications.totalCount).toBe(perRole);
      expect(role.applications.edges).toHaveLength(Math.min(perRole, 20));
      expect(role.applications.edges[0]!.node.auditionRequests).toHaveLength(1);
      expect(role.applications.edges[0]!.node.talent.skills).toEqual(["Accents"]);
    }
  }
  return [...counter.statements];
}

beforeAll(async () => {
  talentIds = await bulkTalents(100, "Applicant");
  await insertInChunks(
    TalentSkill,
    talentIds.map((talentId) => ({ talentId, name: "Accents" })),
  );
  await insertInChunks(
    TalentCredit,
    talentIds.map((talentId) => ({ talentId, title: "Hamlet", role: "Lead", year: 2020 })),
  );
  await insertInChunks(
    MediaItem,
    talentIds.map((talentId) => ({
      talentId,
      kind: MediaKind.PHOTO,
      title: "Headshot",
      bytes: 1000,
      url: `https://media.example.test/${talentId}.jpg`,
      isPrimary: true,
      createdAt: daysFromNow(-2),
    })),
  );
}, 120_000);

describe("the casting workspace's statements", () => {
  /**
   * The workspace's eleven statements: its counts, the productions page and
   * its total, the roles of every production, every role's first page (one
   * windowed statement) and their totals, then for every application on those
   * pages: the public profiles, headshots, skills, credits and audition requests.
   */
  const WORKSPACE_STATEMENTS = 11;

  it("takes a fixed number of statements at 10 productions × 5 roles × 20 applications", async () => {
    const statements = await statementsForWorkspace(await directorWith(20), 20);
    expect(statements).toHaveLength(WORKSPACE_STATEMENTS);
  });

  it("takes the same at 1 and at 100 applications per role, and with 1,000 more talents on the platform", async () => {
    const one = await statementsForWorkspace(await directorWith(1), 1);
    const hundred = await statementsForWorkspace(await directorWith(100), 100);
    await bulkTalents(1_000, "Bystander");
    const afterGrowth = await statementsForWorkspace(await directorWith(20), 20);
    expect([one.length, hundred.length, afterGrowth.length]).toEqual([
      WORKSPACE_STATEMENTS,
      WORKSPACE_STATEMENTS,
      WORKSPACE_STATEMENTS,
    ]);
  }, 120_000);
});
