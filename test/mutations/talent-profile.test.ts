import { MediaItem, TalentCredit, TalentProfile, TalentSkill } from "../../entities";
import {
  AddMediaInFullDocument,
  UpdateProfileDocument,
  type AddMediaInput,
  type UpdateProfileInput,
} from "../generated/operations";
import { expectInvalid, expectNothingWritten, expectRefusal, text, useHarness, type Actor } from "./harness";

const h = useHarness();

let director: Actor;
let mediaTalent: Actor;
let talents: Actor[];

beforeAll(async () => {
  [director, mediaTalent, ...talents] = await Promise.all([
    h.signUp("CASTING_DIRECTOR", "Dana Director"),
    h.signUp("TALENT", "Mia Media"),
    h.signUp("TALENT", "Pat Profile"),
    h.signUp("TALENT", "Quinn Partial"),
    h.signUp("TALENT", "Remy Lists"),
    h.signUp("TALENT", "Sky Ages"),
  ]);
});

async function photos(talent: Actor): Promise<Array<Pick<MediaItem, "title" | "isPrimary">>> {
  const rows = await h.db
    .getRepository(MediaItem)
    .find({ where: { talentId: Number(talent.id) }, order: { id: "ASC" } });
  return rows.map(({ title, isPrimary }) => ({ title, isPrimary }));
}

describe("addMedia", () => {
  it("adds an item to the talent's media locker", async () => {
    const input: AddMediaInput = {
      kind: "VIDEO",
      title: "  Showreel 2025 ",
      bytes: 52_428_800,
      url: " https://media.example.test/reel.mp4 ",
    };
    const data = await h.ok(AddMediaInFullDocument, { input }, mediaTalent);

    const id = data.addMedia.id;
    expect(data.addMedia).toEqual({
      id,
      kind: "VIDEO",
      title: "Showreel 2025",
      bytes: 52_428_800,
      url: "https://media.example.test/reel.mp4",
      isPrimary: false,
      createdAt: expect.any(String),
    });
    expect(await h.db.getRepository(MediaItem).findOneByOrFail({ id: Number(id) })).toEqual({
      id: Number(id),
      talentId: Number(mediaTalent.id),
      kind: "VIDEO",
      title: "Showreel 2025",
      bytes: 52_428_800,
      url: "https://media.example.test/reel.mp4",
      isPrimary: false,
      createdAt: new Date(data.addMedia.createdAt),
    });
  });

  it("makes a primary photo the headshot in place of the previous one", async () => {
    const photo = (title: string, primary?: boolean): AddMediaInput => ({
      kind: "PHOTO",
      title,
      bytes: 1000,
      url: `https://media.example.test/${title}`,
      primary,
    });
    const first = await h.ok(AddMediaInFullDocument, { input: photo("first", true) }, mediaTalent);
    expect(first.addMedia.isPrimary).toBe(true);
    await h.ok(AddMediaInFullDocument, { input: photo("second", true) }, mediaTalent);
    await h.ok(AddMediaInFullDocument, { input: photo("third") }, mediaTalent);

    expect((await photos(mediaTalent)).filter((item) => item.title !== "Showreel 2025")).toEqual([
      { title: "first", isPrimary: false },
      { title: "second", isPrimary: true },
      { title: "third", isPrimary: false },
    ]);
  });

  it("refuses to make anything but a photo the headshot", async () => {
    await expectNothingWritten(h.db, async () => {
      const input: AddMediaInput = {
        kind: "AUDIO",
        title: "Voice",
        bytes: 10,
        url: "https://media.example.test/voice.mp3",
        primary: true,
      };
      expectRefusal(await h.call(AddMediaInFullDocument, { input }, mediaTalent), "BAD_USER_INPUT", {
        field: "primary",
        message: "Invalid primary: only a PHOTO can be the headshot, not AUDIO",
      });
    });
  });

  it.each([
    ["a blank title", { title: "  " }, "title", "must be 1 to 200 characters"],
    ["a title of 201 characters", { title: text(201) }, "title", "must be 1 to 200 characters"],
    ["zero bytes", { bytes: 0 }, "bytes", "must be at least 1"],
    ["a URL that is not http(s)", { url: "javascript:alert(1)" }, "url", "must be an http or https URL"],
    [
      "a URL of 2049 characters",
      { url: `https://example.test/${text(2028)}` },
      "url",
      "must be at most 2048 characters",
    ],
  ])("refuses %s", async (_label, override, field, problem) => {
    await expectNothingWritten(h.db, async () => {
      const input: AddMediaInput = {
        kind: "DOCUMENT",
        title: "Resume",
        bytes: 2048,
        url: "https://media.example.test/cv.pdf",
        ...override,
      };
      expectInvalid(await h.call(AddMediaInFullDocument, { input }, mediaTalent), field, problem);
    });
  });

  it("is for talent only", async () => {
    const input: AddMediaInput = { kind: "PHOTO", title: "Me", bytes: 1, url: "https://media.example.test/me.jpg" };
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(AddMediaInFullDocument, { input }, director), "FORBIDDEN");
      expectRefusal(await h.call(AddMediaInFullDocument, { input }, null), "UNAUTHENTICATED");
    });
  });
});

describe("updateProfile", () => {
  const fullProfile: UpdateProfileInput = {
    bio: "  Classically trained actor.  ",
    gender: "FEMALE",
    playableAgeMin: 25,
    playableAgeMax: 35,
    heightCm: 170,
    location: " London ",
    unionStatus: "UNION",
    skills: ["Singing", "Stage combat"],
    credits: [
      { title: "Hamlet", role: "Ophelia", year: 2019 },
      { title: " The Bill ", role: " Witness ", year: null },
    ],
  };

  async function storedProfile(talent: Actor) {
    const talentId = Number(talent.id);
    const profile = await h.db.getRepository(TalentProfile).findOneByOrFail({ talentId });
    const skills = await h.db.getRepository(TalentSkill).find({ where: { talentId }, order: { id: "ASC" } });
    const credits = await h.db.getRepository(TalentCredit).find({ where: { talentId }, order: { id: "ASC" } });
    return {
      profile,
      skills: skills.map((skill) => skill.name),
      credits: credits.map(({ title, role, year }) => ({ title, role, year })),
    };
  }

  it("saves every field given and answers with the new profile score", async () => {
    const [talent] = talents;
    const data = await h.ok(UpdateProfileDocument, { input: fullProfile }, talent!);

    expect(data.updateProfile).toEqual({
      score: 5,
      maxScore: 10,
      missing: [
        { item: "HEADSHOT", points: 2 },
        { item: "PHOTOS", points: 1 },
        { item: "VIDEO_REEL", points: 1 },
        { item: "AUDIO_REEL", points: 1 },
      ],
    });
    expect(await storedProfile(talent!)).toEqual({
      profile: {
        talentId: Number(talent!.id),
        bio: "Classically trained actor.",
        gender: "FEMALE",
        playableAgeMin: 25,
        playableAgeMax: 35,
        heightCm: 170,
        location: "London",
        unionStatus: "UNION",
        updatedAt: expect.any(Date),
      },
      skills: ["Singing", "Stage combat"],
      credits: [
        { title: "Hamlet", role: "Ophelia", year: 2019 },
        { title: "The Bill", role: "Witness", year: null },
      ],
    });
  });

  it("leaves absent fields as they are, and clears the ones given as null or blank", async () => {
    const talent = talents[1]!;
    await h.ok(UpdateProfileDocument, { input: fullProfile }, talent);
    const before = await storedProfile(talent);

    const data = await h.ok(UpdateProfileDocument, { input: { bio: null, location: "   ", heightCm: 180 } }, talent);

    expect(data.updateProfile.score).toBe(3);
    const after = await storedProfile(talent);
    expect(after).toEqual({
      ...before,
      profile: { ...before.profile, bio: null, location: null, heightCm: 180, updatedAt: expect.any(Date) },
    });
    expect(after.profile.updatedAt.getTime()).toBeGreaterThanOrEqual(before.profile.updatedAt.getTime());
  });

  it("replaces the whole skill and credit lists, keeping the first spelling of a repeated skill", async () => {
    const talent = talents[2]!;
    await h.ok(UpdateProfileDocument, { input: fullProfile }, talent);

    await h.ok(
      UpdateProfileDocument,
      {
        input: {
          skills: ["Juggling", " juggling ", "Café", "CAFE", "Fencing"],
          credits: [{ title: "Lear", role: "Fool" }],
        },
      },
      talent,
    );
    expect(await storedProfile(talent)).toMatchObject({
      skills: ["Juggling", "Café", "Fencing"],
      credits: [{ title: "Lear", role: "Fool", year: null }],
    });

    const data = await h.ok(UpdateProfileDocument, { input: { skills: [], credits: null } }, talent);
    expect(data.updateProfile.missing).toEqual(
      expect.arrayContaining([
        { item: "SKILLS", points: 1 },
        { item: "CREDITS", points: 1 },
      ]),
    );
    expect(await storedProfile(talent)).toMatchObject({ skills: [], credits: [] });
  });

  it("refuses a playable age range that would be reversed once merged with the stored one", async () => {
    const talent = talents[3]!;
    await h.ok(UpdateProfileDocument, { input: { playableAgeMin: 20, playableAgeMax: 30 } }, talent);
    await expectNothingWritten(h.db, async () => {
      const reversed = [
        { playableAgeMin: 35, bio: "New bio" },
        { playableAgeMax: 19 },
        { playableAgeMin: 40, playableAgeMax: 30 },
      ];
      for (const input of reversed) {
        const min = input.playableAgeMin ?? 20;
        expectInvalid(
          await h.call(UpdateProfileDocument, { input }, talent),
          "playableAgeMax",
          `must be at least playableAgeMin (${min})`,
        );
      }
    });
  });

  const lastCreditYear = new Date().getUTCFullYear() + 5;
  it.each([
    ["a bio of 2001 characters", { bio: text(2001) }, "bio", "must be at most 2000 characters"],
    ["a playable age above 120", { playableAgeMin: 121 }, "playableAgeMin", "must be between 0 and 120"],
    ["a negative playable age", { playableAgeMax: -1 }, "playableAgeMax", "must be between 0 and 120"],
    ["a height under 50 cm", { heightCm: 49 }, "heightCm", "must be between 50 and 260"],
    ["a height over 260 cm", { heightCm: 261 }, "heightCm", "must be between 50 and 260"],
    ["a location of 121 characters", { location: text(121) }, "location", "must be at most 120 characters"],
    [
      "51 skills",
      { skills: Array.from({ length: 51 }, (_, i) => `Skill ${i}`) },
      "skills",
      "must have at most 50 skills",
    ],
    ["a blank skill", { skills: ["Singing", "  "] }, "skills", "each must be 1 to 80 characters"],
    ["a skill of 81 characters", { skills: [text(81)] }, "skills", "each must be 1 to 80 characters"],
    [
      "101 credits",
      { credits: Array.from({ length: 101 }, (_, i) => ({ title: `Show ${i}`, role: "Extra" })) },
      "credits",
      "must have at most 100 credits",
    ],
    [
      "a credit with a blank title",
      { credits: [{ title: " ", role: "Lead" }] },
      "credits.0.title",
      "must be 1 to 200 characters",
    ],
    [
      "a credit with a role of 121 characters",
      {
        credits: [
          { title: "Show", role: "Lead" },
          { title: "Show", role: text(121) },
        ],
      },
      "credits.1.role",
      "must be 1 to 120 characters",
    ],
    [
      "a credit from before 1900",
      { credits: [{ title: "Show", role: "Lead", year: 1899 }] },
      "credits.0.year",
      `must be between 1900 and ${lastCreditYear}`,
    ],
    [
      "a credit more than 5 years ahead",
      { credits: [{ title: "Show", role: "Lead", year: lastCreditYear + 1 }] },
      "credits.0.year",
      `must be between 1900 and ${lastCreditYear}`,
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, input, field, problem) => {
    await expectNothingWritten(h.db, async () => {
      expectInvalid(await h.call(UpdateProfileDocument, { input }, talents[3]!), field, problem);
    });
  });

  it("is for talent only", async () => {
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(UpdateProfileDocument, { input: { bio: "Director" } }, director), "FORBIDDEN");
      expectRefusal(await h.call(UpdateProfileDocument, { input: { bio: "Nobody" } }, null), "UNAUTHENTICATED");
    });
  });
});
