import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AuditionRequest } from "../entities/audition-request.entity";
import { AccountType } from "../entities/enums";
import type { Context } from "../src/context";

/** What a casting director marks as seen in their workspace. */
@Resolver()
export class CastingReviewResolver {
  @Authorized(AccountType.CASTING_DIRECTOR)
  @Mutation(() => Application, {
    description: "Marks a submitted application to one of the director's roles as opened (newApplications falls).",
  })
  markApplicationSeen(@Arg("id", () => ID) id: string, @Ctx() { viewer, services }: Context): Promise<Application> {
    return services.mutations.review.markApplicationSeen(viewer!.id, id);
  }

  @Authorized(AccountType.CASTING_DIRECTOR)
  @Mutation(() => AuditionRequest, {
    description: "Marks the tape of one of the director's audition requests as watched (newSelfTapes falls).",
  })
  markSelfTapeSeen(
    @Arg("auditionRequestId", () => ID) auditionRequestId: string,
    @Ctx() { viewer, services }: Context,
  ): Promise<AuditionRequest> {
    return services.mutations.review.markSelfTapeSeen(viewer!.id, auditionRequestId);
  }
}
