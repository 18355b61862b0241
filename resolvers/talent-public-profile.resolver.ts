import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { MediaItem } from "../entities/media-item.entity";
import { TalentCredit } from "../entities/talent-credit.entity";
import type { Context } from "../src/context";
import { TalentPublicProfile } from "./types/talent-public-profile.type";

@Resolver(() => TalentPublicProfile)
export class TalentPublicProfileResolver {
  @FieldResolver(() => MediaItem, { nullable: true, description: "The photo the talent chose as their headshot." })
  headshot(@Root() profile: TalentPublicProfile, @Ctx() { loaders }: Context): Promise<MediaItem | null> {
    return loaders.headshotByTalentId.load(profile.talentId);
  }

  @FieldResolver(() => [String])
  async skills(@Root() profile: TalentPublicProfile, @Ctx() { loaders }: Context): Promise<string[]> {
    return (await loaders.skillsByTalentId.load(profile.talentId)).map((skill) => skill.name);
  }

  @FieldResolver(() => [TalentCredit], { description: "Most recent year first." })
  credits(@Root() profile: TalentPublicProfile, @Ctx() { loaders }: Context): Promise<TalentCredit[]> {
    return loaders.creditsByTalentId.load(profile.talentId);
  }
}
