import { Arg, Args, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AuditionRequest } from "../entities/audition-request.entity";
import { AccountType } from "../entities/enums";
import type { Context } from "../src/context";
import { RespondToInvitationArgs } from "./inputs/respond-to-invitation.args";
import { SaveDraftApplicationInput } from "./inputs/save-draft-application.input";
import { SubmitSelfTapeArgs } from "./inputs/submit-self-tape.args";

/** A talent's own applications: answering invitations, drafting, submitting, self-tapes. */
@Resolver()
export class TalentApplicationsResolver {
  @Authorized(AccountType.TALENT)
  @Mutation(() => Application)
  respondToInvitation(
    @Args() { applicationId, accept }: RespondToInvitationArgs,
    @Ctx() { viewer, services }: Context,
  ): Promise<Application> {
    return services.mutations.applications.respondToInvitation(viewer!.id, applicationId, accept);
  }

  @Authorized(AccountType.TALENT)
  @Mutation(() => Application)
  saveDraftApplication(
    @Arg("input") input: SaveDraftApplicationInput,
    @Ctx() { viewer, services }: Context,
  ): Promise<Application> {
    return services.mutations.applications.saveDraftApplication(viewer!.id, input);
  }

  @Authorized(AccountType.TALENT)
  @Mutation(() => Application)
  submitApplication(@Arg("id", () => ID) id: string, @Ctx() { viewer, services }: Context): Promise<Application> {
    return services.mutations.applications.submitApplication(viewer!.id, id);
  }

  @Authorized(AccountType.TALENT)
  @Mutation(() => AuditionRequest)
  submitSelfTape(
    @Args() { auditionRequestId, url }: SubmitSelfTapeArgs,
    @Ctx() { viewer, services }: Context,
  ): Promise<AuditionRequest> {
    return services.mutations.applications.submitSelfTape(viewer!.id, auditionRequestId, url);
  }
}
