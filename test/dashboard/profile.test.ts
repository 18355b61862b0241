import { Gender, MediaKind, UnionStatus } from "../../entities";
import { ProfileScoreDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

async function profileOf(token: string) {
  const response = await request(gateway.app.url, ProfileScoreDocument, {}, { token });
  expect(response.errors).toBeUndefined();
  return response.data!.dashboard;
}

const COMPLETE_DETAILS = {
  bio: "Stage and screen actor.",
  gender: Gender.NON_BINARY,
  playableAgeMin: 25,
  playableAgeMax: 35,
  heightCm: 172,
  location: "Atlanta",
  unionStatus: UnionStatus.UNION,
};

describe("the profile score", () => {
  it("is 0 of 10 for an empty profile, with every item missing and its points", async () => {
    const talent = await gateway.fixtures.talent("Empty");
    const { profile, mediaLocker } = await profileOf(talent.token);
    expect(profile).toEqual({
      score: 0,
      maxScore: 10,
      missing: [
        { item: "HEADSHOT", points: 2 },
        { item: "PHOTOS", points: 1 },
        { item: "BIO", points: 1 },
        { item: "PHYSICAL_DETAILS", points: 1 },
        { item: "LOCATION", points: 1 },
        { item: "SKILLS", points: 1 },
        { item: "CREDITS", points: 1 },
        { item: "VIDEO_REEL", points: 1 },
        { item: "AUDIO_REEL", points: 1 },
      ],
    });
    expect(mediaLocker).toEqual({ photos: 0, videos: 0, audio: 0, documents: 0, bytesUsed: 0 });
  });

  it("is 10 of 10 for a complete profile", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Complete", COMPLETE_DETAILS);
    const me = talent.user.id;
    await f.media(me, MediaKind.PHOTO, { isPrimary: true, bytes: 2_000_000 });
    await f.media(me, MediaKind.PHOTO, { bytes: 3_000_000 });
    await f.media(me, MediaKind.PHOTO, { bytes: 4_000_000 });
    await f.media(me, MediaKind.VIDEO, { bytes: 5_000_000_000 });
    await f.media(me, MediaKind.AUDIO, { bytes: 7_000 });
    await f.media(me, MediaKind.DOCUMENT, { bytes: 11 });
    await f.skills(me, ["Stage combat"]);
    await f.credits(me, ["Hamlet"]);
    const { profile, mediaLocker } = await profileOf(talent.token);
    expect(profile).toEqual({ score: 10, maxScore: 10, missing: [] });
    expect(mediaLocker).toEqual({ photos: 3, videos: 1, audio: 1, documents: 1, bytesUsed: 5_009_007_011 });
  });

  it("is 8 without a bio (blank counts as none) and without an audio reel", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Seven", { ...COMPLETE_DETAILS, bio: "   " });
    const me = talent.user.id;
    await f.media(me, MediaKind.PHOTO, { isPrimary: true });
    await f.media(me, MediaKind.PHOTO);
    await f.media(me, MediaKind.PHOTO);
    await f.media(me, MediaKind.VIDEO);
    await f.skills(me, ["Singing", "Dance"]);
    await f.credits(me, ["A Play"]);
    const { profile } = await profileOf(talent.token);
    expect(profile).toEqual({
      score: 8,
      maxScore: 10,
      missing: [
        { item: "BIO", points: 1 },
        { item: "AUDIO_REEL", points: 1 },
      ],
    });
  });

  it("needs a primary photo for the headshot, three photos for PHOTOS, and every physical detail", async () => {
    const f = gateway.fixtures;
    const talent = await f.talent("Partial", {
      gender: Gender.MALE,
      playableAgeMin: 20,
      heightCm: 180,
      location: "  ",
    });
    const me = talent.user.id;
    await f.media(me, MediaKind.PHOTO);
    await f.media(me, MediaKind.PHOTO);
    await f.media(me, MediaKind.VIDEO, { isPrimary: true });
    await f.media(me, MediaKind.AUDIO);
    const { profile } = await profileOf(talent.token);
    expect(profile.score).toBe(2);
    expect(profile.missing.map((missing) => missing.item)).toEqual([
      "HEADSHOT",
      "PHOTOS",
      "BIO",
      "PHYSICAL_DETAILS",
      "LOCATION",
      "SKILLS",
      "CREDITS",
    ]);
  });
});
