import { ProfileItem } from "../../entities/enums";

/** What the profile score is computed from. */
export interface ProfileFacts {
  hasBio: boolean;
  hasPhysicalDetails: boolean;
  hasLocation: boolean;
  hasSkills: boolean;
  hasCredits: boolean;
  hasHeadshot: boolean;
  photos: number;
  videos: number;
  audio: number;
}

/** Points per item, out of 10: the contract's profile score. */
export const PROFILE_POINTS: Readonly<Record<ProfileItem, number>> = {
  [ProfileItem.HEADSHOT]: 2,
  [ProfileItem.PHOTOS]: 1,
  [ProfileItem.BIO]: 1,
  [ProfileItem.PHYSICAL_DETAILS]: 1,
  [ProfileItem.LOCATION]: 1,
  [ProfileItem.SKILLS]: 1,
  [ProfileItem.CREDITS]: 1,
  [ProfileItem.VIDEO_REEL]: 1,
  [ProfileItem.AUDIO_REEL]: 1,
};

export const MAX_PROFILE_SCORE = Object.values(PROFILE_POINTS).reduce((sum, points) => sum + points, 0);

const MIN_PHOTOS = 3;

export interface ProfileScore {
  score: number;
  maxScore: number;
  missing: Array<{ item: ProfileItem; points: number }>;
}

/** The score and the items still missing, in the contract's order. */
export function scoreProfile(facts: ProfileFacts): ProfileScore {
  const earned: Record<ProfileItem, boolean> = {
    [ProfileItem.HEADSHOT]: facts.hasHeadshot,
    [ProfileItem.PHOTOS]: facts.photos >= MIN_PHOTOS,
    [ProfileItem.BIO]: facts.hasBio,
    [ProfileItem.PHYSICAL_DETAILS]: facts.hasPhysicalDetails,
    [ProfileItem.LOCATION]: facts.hasLocation,
    [ProfileItem.SKILLS]: facts.hasSkills,
    [ProfileItem.CREDITS]: facts.hasCredits,
    [ProfileItem.VIDEO_REEL]: facts.videos > 0,
    [ProfileItem.AUDIO_REEL]: facts.audio > 0,
  };
  const items = Object.values(ProfileItem);
  return {
    score: items.filter((item) => earned[item]).reduce((sum, item) => sum + PROFILE_POINTS[item], 0),
    maxScore: MAX_PROFILE_SCORE,
    missing: items.filter((item) => !earned[item]).map((item) => ({ item, points: PROFILE_POINTS[item] })),
  };
}
