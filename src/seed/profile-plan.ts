import type { Random } from "./random";

/**
 * Which profile-score items a talent has earned (see the contract's Profile
 * score). The profile, skills, credits and media generators all follow it, so
 * the data set spans empty profiles, half-finished ones and complete ones.
 */
export interface ProfilePlan {
  /** 0 for an empty profile, 1 for a complete one. */
  completeness: number;
  bio: boolean;
  physicalDetails: boolean;
  location: boolean;
  skills: boolean;
  credits: boolean;
  headshot: boolean;
  photos: boolean;
  videoReel: boolean;
  audioReel: boolean;
}

export function planProfile(rng: Random): ProfilePlan {
  const completeness = rng.weighted<number>([
    [0, 10],
    [0.35, 25],
    [0.6, 30],
    [0.85, 20],
    [1, 15],
  ]);
  const earned = () => rng.chance(completeness);
  return {
    completeness,
    bio: earned(),
    physicalDetails: earned(),
    location: earned(),
    skills: earned(),
    credits: earned(),
    headshot: earned(),
    photos: earned(),
    videoReel: earned(),
    audioReel: earned(),
  };
}
