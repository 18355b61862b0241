import { Gender, UnionStatus } from "../../entities";
import type { IdSequences } from "./ids";
import type { ProductionRow, RoleRow } from "./rows";
import { DAY, HOUR, after, before } from "./time";

/*
 * The demo casting director's productions, written by hand: the demo talent's
 * applications sit on them (open and expired), and Night Shift's roles were
 * posted after the demo talent last looked, so three of them are new matches
 * for the demo profile (female, playing 25-35, Los Angeles, non-union) and one is not.
 */

export interface DemoProductions {
  productions: ProductionRow[];
  roles: RoleRow[];
  /** Open, posted 20 days ago. */
  harborLights: { production: ProductionRow; detective: RoleRow; dockWorker: RoleRow };
  /** Open, posted 10 days ago. */
  longWinter: { production: ProductionRow; olderSister: RoleRow; barista: RoleRow; neighbour: RoleRow };
  /** Casting call expired 5 days ago. */
  sunnyOatMilk: { production: ProductionRow; jogger: RoleRow; youngParent: RoleRow };
  /** Open, roles posted yesterday. */
  nightShift: {
    production: ProductionRow;
    paramedic: RoleRow;
    erNurse: RoleRow;
    securityGuard: RoleRow;
    intern: RoleRow;
  };
}

type Requirements = Partial<Pick<RoleRow, "gender" | "ageMin" | "ageMax" | "location" | "unionStatus">>;

export function generateDemoProductions(now: Date, castingDirectorId: number, ids: IdSequences): DemoProductions {
  const productions: ProductionRow[] = [];
  const roles: RoleRow[] = [];

  const production = (title: string, location: string, postedDaysAgo: number, expiresInDays: number): ProductionRow => {
    const row: ProductionRow = {
      id: ids.next("productions"),
      castingDirectorId,
      title,
      location,
      createdAt: before(now, postedDaysAgo * DAY),
      expiresAt: after(now, expiresInDays * DAY),
    };
    productions.push(row);
    return row;
  };
  const role = (
    of: ProductionRow,
    name: string,
    description: string,
    requirements: Requirements,
    createdAt = of.createdAt,
  ): RoleRow => {
    const row: RoleRow = {
      id: ids.next("roles"),
      productionId: of.id,
      name,
      description,
      gender: null,
      ageMin: null,
      ageMax: null,
      location: null,
      unionStatus: null,
      ...requirements,
      createdAt,
    };
    roles.push(row);
    return row;
  };

  const harbor = production("Harbor Lights — Season 2", "Los Angeles", 20, 30);
  const winter = production("The Long Winter (Feature Film)", "New York", 10, 45);
  const oat = production("Sunny Oat Milk — Spring Campaign", "Atlanta", 60, -5);
  const night = production("Night Shift (Web Series)", "Los Angeles", 2, 20);
  const yesterday = before(now, 1 * DAY);

  return {
    productions,
    roles,
    harborLights: {
      production: harbor,
      detective: role(harbor, "Detective Maya Ortiz", "Sharp, tired, funny when it counts. Series regular.", {
        gender: Gender.FEMALE,
        ageMin: 28,
        ageMax: 38,
        location: "Los Angeles",
      }),
      dockWorker: role(harbor, "Dock Worker", "One line, two scenes. Physical role.", {}),
    },
    longWinter: {
      production: winter,
      olderSister: role(winter, "Older Sister", "Protective to a fault; the family's referee.", {
        gender: Gender.FEMALE,
        ageMin: 25,
        ageMax: 35,
      }),
      barista: role(winter, "Barista", "Knows every regular's order and every regular's secret.", {}),
      neighbour: role(winter, "Neighbour", "Nosy, well-meaning, always at the window.", {
        unionStatus: UnionStatus.NON_UNION,
      }),
    },
    sunnyOatMilk: {
      production: oat,
      jogger: role(oat, "Jogger", "Non-speaking. Comfortable running on camera.", {}),
      youngParent: role(oat, "Young Parent", "Juggling a toddler and a job interview.", { ageMin: 25, ageMax: 40 }),
    },
    nightShift: {
      production: night,
      paramedic: role(night, "Paramedic", "Calm under pressure. Some medical terminology.", {}, yesterday),
      // Lower-case on purpose: location matching ignores case.
      erNurse: role(
        night,
        "ER Nurse",
        "Night-shift veteran with a dry sense of humour.",
        { gender: Gender.FEMALE, ageMin: 30, ageMax: 40, location: "los angeles" },
        yesterday,
      ),
      securityGuard: role(
        night,
        "Security Guard",
        "Imposing but gentle.",
        { gender: Gender.MALE },
        after(yesterday, 2 * HOUR),
      ),
      intern: role(
        night,
        "Intern",
        "Eager, awkward, always in the wrong meeting.",
        { ageMin: 22, ageMax: 28, unionStatus: UnionStatus.NON_UNION },
        after(yesterday, 3 * HOUR),
      ),
    },
  };
}
