import { Arg, Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { AccountType } from "../entities/enums";
import { MediaItem } from "../entities/media-item.entity";
import type { Context } from "../src/context";
import { scoreProfile } from "../src/domain/profile-score";
import { freshSummary } from "./dashboard-summary";
import { AddMediaInput } from "./inputs/add-media.input";
import { UpdateProfileInput } from "./inputs/update-profile.input";
import { ofTalent } from "./types/one-per-talent";
import { ProfileCompletion } from "./types/profile-completion.type";

/** A talent's own profile and media locker. */
@Resolver()
export class TalentProfileResolver {
  @Authorized(AccountType.TALENT)
  @Mutation(() => MediaItem)
  addMedia(@Arg("input") input: AddMediaInput, @Ctx() { viewer, services }: Context): Promise<MediaItem> {
    return services.mutations.profile.addMedia(viewer!.id, input);
  }

  /** Answers with the new profile score, read after the update committed. */
  @Authorized(AccountType.TALENT)
  @Mutation(() => ProfileCompletion)
  async updateProfile(
    @Arg("input") input: UpdateProfileInput,
    @Ctx() { viewer, services, loaders }: Context,
  ): Promise<ProfileCompletion> {
    await services.mutations.profile.updateProfile(viewer!.id, input);
    return ofTalent(viewer!.id, scoreProfile((await freshSummary(loaders, viewer!.id)).profile));
  }
}
