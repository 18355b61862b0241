import { ApplicationStatus, Gender, UnionStatus } from "../../entities";
import { daysFromNow, type TestUser } from "../support/fixtures";
import { MatchedRolesPageDocument, type MatchedRolesPageQuery } from "../generated/operations";
import { request, type GraphQLResponse } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

/** A talent: woman, plays 25 to 35, in Atlanta, union. */
const PROFILE = {
  gender: Gender.FEMALE,
  playableAgeMin: 25,
  playableAgeMax: 35,
  location: "Atlanta",
  unionStatus: UnionStatus.UNION,
};

describe("roles matched to the profile", () => {
  let talent: TestUser;
  let productionId: number;
  const matching: Record<string, number> = {};
  const notMatching: Record<string, number> = {};

  beforeAll(async () => {
    const f = gateway.fixtures;
    talent = await f.talent("Matched", PROFILE, { rolesMatchedSeenAt: daysFromNow(-10) });
    const director = await f.director();
    const open = await f.production(director.user.id);
    const expired = await f.production(director.user.id, { expiresAt: daysFromNow(-1) });
    productionId = open.id;
    const role = async (name: string, values: object, into: Record<string, number>, days = 1) => {
      into[name] = (await f.role(open.id, { name, createdAt: daysFromNow(-days), ...values })).id;
    };
    let day = 0;
    await role("no requirements", {}, matching, ++day);
    await role("same gender", { gender: Gender.FEMALE }, matching, ++day);
    await role("age overlapping below", { ageMin: 18, ageMax: 25 }, matching, ++day);
    await role("age overlapping above", { ageMin: 35, ageMax: 50 }, matching, ++day);
    await role("only a minimum age", { ageMin: 30 }, matching, ++day);
    await role("location in another case", { location: "atlanta" }, matching, ++day);
    await role("same union status", { unionStatus: UnionStatus.UNION }, matching, ++day);
    await role(
      "all requirements met",
      { gender: Gender.FEMALE, ageMin: 30, ageMax: 40, location: "ATLANTA", unionStatus: UnionStatus.UNION },
      matching,
      ++day,
    );
    await role("old match, seen already", {}, matching, 20);
    await role("other gender", { gender: Gender.MALE }, notMatching);
    await role("too young", { ageMin: 10, ageMax: 24 }, notMatching);
    await role("too old", { ageMin: 36 }, notMatching);
    await role("elsewhere", { location: "London" }, notMatching);
    await role("non-union only", { unionStatus: UnionStatus.NON_UNION }, notMatching);
    await role(
      "all but one requirement",
      { gender: Gender.FEMALE, ageMin: 30, location: "Atlanta", unionStatus: UnionStatus.NON_UNION },
      notMatching,
    );
    const applied = await f.role(open.id, { name: "applied already", createdAt: daysFromNow(-1) });
    await f.application(talent.user.id, applied.id, ApplicationStatus.DRAFT);
    notMatching.applied = applied.id;
    notMatching.expired = (await f.role(expired.id, { name: "expired production" })).id;
  });

  it("lists exactly the open, matching roles not applied to, newest first", async () => {
    const response = await request(gateway.app.url, MatchedRolesPageDocument, { first: 100 }, { token: talent.token });
    expect(response.errors).toBeUndefined();
    const { matchedRoles, atAGlance } = response.data!.dashboard;
    expect(matchedRoles.edges.map((edge) => Number(edge.node.id))).toEqual(Object.values(matching));
    expect(matchedRoles.edges.every((edge) => edge.node.production.id === String(productionId))).toBe(true);
    expect(matchedRoles.totalCount).toBe(9);
    expect(atAGlance.newRolesMatched).toBe(8);
  });

  it("pages through the matches without gaps or repeats", async () => {
    const seen: number[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const response: GraphQLResponse<MatchedRolesPageQuery> = await request(
        gateway.app.url,
        MatchedRolesPageDocument,
        { first: 4, after },
        { token: talent.token },
      );
      const connection = response.data!.dashboard.matchedRoles;
      seen.push(...connection.edges.map((edge) => Number(edge.node.id)));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
      pages += 1;
    } while (after);
    expect(pages).toBe(3);
    expect(seen).toEqual(Object.values(matching));
  });

  it("matches nothing with a requirement when the profile lacks that detail", async () => {
    const f = gateway.fixtures;
    const blank = await f.talent("Blank profile", {}, { rolesMatchedSeenAt: daysFromNow(-30) });
    const response = await request(gateway.app.url, MatchedRolesPageDocument, { first: 100 }, { token: blank.token });
    const names = response.data!.dashboard.matchedRoles.edges.map((edge) => edge.node.name);
    expect(names).toEqual(["applied already", "no requirements", "old match, seen already"]);
  });
});
