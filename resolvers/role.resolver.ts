import { Args, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AccountType, ApplicationStatus } from "../entities/enums";
import { Production } from "../entities/production.entity";
import { Role } from "../entities/role.entity";
import type { Context } from "../src/context";
import { BadUserInputError, ForbiddenError } from "../src/errors";
import type { Page } from "../src/pagination/page";
import { RoleApplicationsArgs } from "./inputs/role-applications.args";
import { ApplicationConnection } from "./types/connections";
import { required } from "./not-null";
import { RoleRequirements } from "./types/role-requirements.type";

/** The signed-in talent's id, or null for a casting director or anonymous viewer (the viewer-only fields are null). */
function talentViewing({ viewer }: Context): number | null {
  return viewer?.accountType === AccountType.TALENT ? viewer.id : null;
}

@Resolver(() => Role)
export class RoleResolver {
  @FieldResolver(() => Production)
  async production(@Root() role: Role, @Ctx() { loaders }: Context): Promise<Production> {
    return required(await loaders.productionById.load(role.productionId), `Production ${role.productionId}`);
  }

  @FieldResolver(() => RoleRequirements)
  requirements(@Root() role: Role): RoleRequirements {
    const { gender, ageMin, ageMax, location, unionStatus } = role;
    return { gender, ageMin, ageMax, location, unionStatus };
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description: "For a signed-in talent: whether their profile meets every requirement. Null for anyone else.",
  })
  matchesViewerProfile(@Root() role: Role, @Ctx() context: Context): Promise<boolean> | null {
    const talentId = talentViewing(context);
    return talentId === null ? null : context.loaders.roleMatchesTalent.load({ talentId, roleId: role.id });
  }

  @FieldResolver(() => Application, {
    nullable: true,
    description:
      "For a signed-in talent: their application to this role (a draft, submitted, or from an invitation), or null " +
      "when they have none. Null for anyone else.",
  })
  viewerApplication(@Root() role: Role, @Ctx() context: Context): Promise<Application | null> | null {
    const talentId = talentViewing(context);
    return talentId === null ? null : context.loaders.applicationByTalentAndRole.load({ talentId, roleId: role.id });
  }

  @FieldResolver(() => ApplicationConnection, {
    description:
      "For the production's casting director: the role's applications, newest first, optionally in one status; " +
      "drafts never. Empty for another director's role; FORBIDDEN for talent.",
  })
  applications(
    @Root() role: Role,
    @Args() args: RoleApplicationsArgs,
    @Ctx() { viewer, queries }: Context,
  ): Promise<Page<Application>> {
    if (viewer?.accountType !== AccountType.CASTING_DIRECTOR) {
      throw new ForbiddenError("Only the production's casting director sees a role's applications");
    }
    const status = args.status ?? null;
    if (status === ApplicationStatus.DRAFT) {
      throw new BadUserInputError(
        "Invalid status DRAFT: drafts are the talent's own until submitted; filter by INVITED, SUBMITTED or DECLINED",
        "status",
      );
    }
    return queries.roleApplicationsPage({
      directorId: viewer.id,
      roleId: role.id,
      first: args.first,
      after: args.after,
      status,
    });
  }
}
