import { ApplicationStatus } from "../../entities";
import { postGraphQL, type GraphQLResponse } from "../support/graphql-http";
import { testEngine } from "../support/test-database";
import { useGateway } from "../support/use-gateway";
import type { TestUser } from "../support/fixtures";

/*
 * Every length limit counts characters as users see them and as MariaDB's
 * utf8mb4 columns do: code points. Each limited field is tried at its limit
 * (accepted, stored exactly) and one past it (BAD_USER_INPUT naming the
 * field, nothing stored), spelt four ways: plain letters, letters each
 * followed by U+FE0F (which class-validator's length rules skip), astral
 * emoji (two UTF-16 units each) and letters with a combining accent.
 */

const gateway = useGateway();
const db = () => gateway.app.db;
const f = () => gateway.fixtures;

let director: TestUser;
let talent: TestUser;

beforeAll(async () => {
  director = await f().director("Dana Director");
  talent = await f().talent("Tess Talent");
});

/** `count` code points of one spelling. */
const SPELLINGS: Record<string, (count: number) => string> = {
  letters: (count) => "x".repeat(count),
  "letters with U+FE0F": (count) => "a\uFE0F".repeat(Math.floor(count / 2)) + (count % 2 ? "a" : ""),
  "astral emoji": (count) => "😀".repeat(count),
  "combining accents": (count) => "e\u0301".repeat(Math.floor(count / 2)) + (count % 2 ? "e" : ""),
};

interface LimitedField {
  /** The operation and field, for the test's name. */
  name: string;
  /** What `extensions.field` names. */
  field: string;
  limit: number;
  /** What is written before the counted characters (a URL's scheme and host). */
  prefix?: string;
  /** Sends the value; returns the response and a reader of what the database holds for it. */
  send(value: string): Promise<{ response: GraphQLResponse; stored: () => Promise<unknown> }>;
  /** The message after `Invalid <field>: `. */
  problem: string;
}

const DAY = 24 * 3600 * 1000;
const inAWeek = () => new Date(Date.now() + 7 * DAY).toISOString();

function call(query: string, variables: Record<string, unknown>, as: TestUser | null) {
  return postGraphQL(gateway.app.url, query, variables, as ? { token: as.token } : {});
}

async function column(sql: string, id: unknown): Promise<unknown> {
  const rows: Array<{ value: unknown }> = await db().query(sql, [id]);
  return rows[0]?.value;
}

/** The new row's id from a mutation's answer, or null when it was refused. */
function idOf(response: GraphQLResponse, key: string): unknown {
  const node = (response.data as Record<string, { id?: string }> | null | undefined)?.[key];
  return node?.id ?? null;
}

const FIELDS: LimitedField[] = [
  {
    name: "sendMessage body",
    field: "body",
    limit: 5000,
    problem: "must be 1 to 5000 characters",
    async send(body) {
      const response = await call(
        `mutation($input: SendMessageInput!) { sendMessage(input: $input) { id } }`,
        { input: { toUserId: String(talent.user.id), body } },
        director,
      );
      return {
        response,
        stored: () => column(`SELECT body AS value FROM messages WHERE id = ?`, idOf(response, "sendMessage")),
      };
    },
  },
  {
    name: "createProduction title",
    field: "title",
    limit: 200,
    problem: "must be 1 to 200 characters",
    async send(title) {
      const response = await call(
        `mutation($input: CreateProductionInput!) { createProduction(input: $input) { id } }`,
        { input: { title, expiresAt: inAWeek() } },
        director,
      );
      return {
        response,
        stored: () => column(`SELECT title AS value FROM productions WHERE id = ?`, idOf(response, "createProduction")),
      };
    },
  },
  {
    name: "createProduction location",
    field: "location",
    limit: 120,
    problem: "must be at most 120 characters",
    async send(location) {
      const response = await call(
        `mutation($input: CreateProductionInput!) { createProduction(input: $input) { id } }`,
        { input: { title: "Hamlet", location, expiresAt: inAWeek() } },
        director,
      );
      return {
        response,
        stored: () =>
          column(`SELECT location AS value FROM productions WHERE id = ?`, idOf(response, "createProduction")),
      };
    },
  },
  ...(["name", "description", "requirements.location"] as const).map((field): LimitedField => ({
    name: `addRole ${field}`,
    field,
    limit: { name: 200, description: 5000, "requirements.location": 120 }[field],
    problem:
      field === "name"
        ? "must be 1 to 200 characters"
        : `must be at most ${field === "description" ? 5000 : 120} characters`,
    async send(value) {
      const production = await f().production(director.user.id);
      const input =
        field === "requirements.location"
          ? { productionId: String(production.id), name: "Lead", requirements: { location: value } }
          : { productionId: String(production.id), name: "Lead", [field]: value };
      const response = await call(
        `mutation($input: AddRoleInput!) { addRole(input: $input) { id } }`,
        { input },
        director,
      );
      const columnName = field === "requirements.location" ? "location" : field;
      return {
        response,
        stored: () => column(`SELECT ${columnName} AS value FROM roles WHERE id = ?`, idOf(response, "addRole")),
      };
    },
  })),
  {
    name: "inviteToApply note",
    field: "note",
    limit: 2000,
    problem: "must be at most 2000 characters",
    async send(note) {
      const role = await f().role((await f().production(director.user.id)).id);
      const response = await call(
        `mutation($input: InviteToApplyInput!) { inviteToApply(input: $input) { id } }`,
        { input: { roleId: String(role.id), talentId: String(talent.user.id), note } },
        director,
      );
      return {
        response,
        stored: () => column(`SELECT note AS value FROM invitations WHERE id = ?`, idOf(response, "inviteToApply")),
      };
    },
  },
  {
    name: "requestAudition instructions",
    field: "instructions",
    limit: 5000,
    problem: "must be at most 5000 characters",
    async send(instructions) {
      const role = await f().role((await f().production(director.user.id)).id);
      const application = await f().application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
      const response = await call(
        `mutation($input: RequestAuditionInput!) { requestAudition(input: $input) { id } }`,
        { input: { applicationId: String(application.id), instructions, dueAt: inAWeek() } },
        director,
      );
      return {
        response,
        stored: () =>
          column(`SELECT instructions AS value FROM audition_requests WHERE id = ?`, idOf(response, "requestAudition")),
      };
    },
  },
  {
    name: "saveDraftApplication coverLetter",
    field: "coverLetter",
    limit: 5000,
    problem: "must be at most 5000 characters",
    async send(coverLetter) {
      const role = await f().role((await f().production(director.user.id)).id);
      const response = await call(
        `mutation($input: SaveDraftApplicationInput!) { saveDraftApplication(input: $input) { id } }`,
        { input: { roleId: String(role.id), coverLetter } },
        talent,
      );
      return {
        response,
        stored: () =>
          column(`SELECT coverLetter AS value FROM applications WHERE id = ?`, idOf(response, "saveDraftApplication")),
      };
    },
  },
  ...(["title", "url"] as const).map((field): LimitedField => ({
    name: `addMedia ${field}`,
    field,
    limit: field === "title" ? 200 : 2048,
    prefix: field === "url" ? "https://media.test/" : "",
    problem: field === "title" ? "must be 1 to 200 characters" : "must be at most 2048 characters",
    async send(value) {
      const input = { kind: "PHOTO", bytes: 10, title: "Headshot", url: "https://media.test/1", [field]: value };
      const response = await call(
        `mutation($input: AddMediaInput!) { addMedia(input: $input) { id } }`,
        { input },
        talent,
      );
      return {
        response,
        stored: () => column(`SELECT ${field} AS value FROM media_items WHERE id = ?`, idOf(response, "addMedia")),
      };
    },
  })),
  {
    name: "submitSelfTape url",
    field: "url",
    limit: 2048,
    prefix: "https://tapes.test/",
    problem: "must be at most 2048 characters",
    async send(url) {
      const role = await f().role((await f().production(director.user.id)).id);
      const application = await f().application(talent.user.id, role.id, ApplicationStatus.SUBMITTED);
      const request = await f().auditionRequest(application, director.user.id);
      const response = await call(
        `mutation($id: ID!, $url: String!) { submitSelfTape(auditionRequestId: $id, url: $url) { id } }`,
        { id: String(request.id), url },
        talent,
      );
      return {
        response,
        stored: () => column(`SELECT tapeUrl AS value FROM audition_requests WHERE id = ?`, request.id),
      };
    },
  },
  ...(
    [
      ["bio", 2000, "must be at most 2000 characters", "SELECT bio AS value FROM talent_profiles WHERE talentId = ?"],
      [
        "location",
        120,
        "must be at most 120 characters",
        "SELECT location AS value FROM talent_profiles WHERE talentId = ?",
      ],
      ["skills", 80, "each must be 1 to 80 characters", "SELECT name AS value FROM talent_skills WHERE talentId = ?"],
      [
        "credits.0.title",
        200,
        "must be 1 to 200 characters",
        "SELECT title AS value FROM talent_credits WHERE talentId = ?",
      ],
      [
        "credits.0.role",
        120,
        "must be 1 to 120 characters",
        "SELECT role AS value FROM talent_credits WHERE talentId = ?",
      ],
    ] as const
  ).map(([field, limit, problem, sql]): LimitedField => ({
    name: `updateProfile ${field}`,
    field,
    limit,
    problem,
    async send(value) {
      const owner = await f().talent("Profile Owner");
      const input =
        field === "skills"
          ? { skills: [value] }
          : field === "credits.0.title"
            ? { credits: [{ title: value, role: "Lead" }] }
            : field === "credits.0.role"
              ? { credits: [{ title: "Hamlet", role: value }] }
              : { [field]: value };
      const response = await call(
        `mutation($input: UpdateProfileInput!) { updateProfile(input: $input) { score } }`,
        { input },
        owner,
      );
      return { response, stored: () => column(sql, owner.user.id) };
    },
  })),
  {
    name: "signUp name",
    field: "name",
    limit: 120,
    problem: "must be 1 to 120 characters",
    async send(name) {
      const email = `name-${Math.random().toString(36).slice(2)}@example.test`;
      const response = await call(
        `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`,
        { input: { email, password: "correct horse", name, accountType: "TALENT" } },
        null,
      );
      return { response, stored: () => column(`SELECT name AS value FROM users WHERE email = ?`, email) };
    },
  },
];

/** The value of `count` characters in a spelling, after the field's prefix. */
function valueOf(field: LimitedField, spelling: (count: number) => string, count: number): string {
  const prefix = field.prefix ?? "";
  return prefix + spelling(count - [...prefix].length);
}

describe.each(FIELDS.map((field) => [field.name, field] as const))("%s", (_name, field) => {
  describe.each(Object.entries(SPELLINGS))("in %s", (_spelling, spelling) => {
    it(`accepts exactly the limit of characters and stores them as sent (${testEngine})`, async () => {
      const value = valueOf(field, spelling, field.limit);
      expect([...value]).toHaveLength(field.limit);
      const { response, stored } = await field.send(value);
      expect(response.errors).toBeUndefined();
      expect(await stored()).toBe(value);
    });

    it("refuses one character more with BAD_USER_INPUT naming the field, storing nothing", async () => {
      const value = valueOf(field, spelling, field.limit + 1);
      const { response, stored } = await field.send(value);
      expect(response.data).toBeNull();
      expect(response.errors).toEqual([
        expect.objectContaining({
          message: `Invalid ${field.field}: ${field.problem}`,
          extensions: { code: "BAD_USER_INPUT", field: field.field },
        }),
      ]);
      expect(await stored()).not.toBe(value);
    });
  });

  it("refuses twice the limit written as letters each followed by U+FE0F", async () => {
    const value = (field.prefix ?? "") + "a\uFE0F".repeat(field.limit);
    const { response } = await field.send(value);
    expect(response.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: field.field });
  });
});

describe("signUp email and password", () => {
  const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { user { id } } }`;
  const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { user { id } } }`;
  const signUp = (email: string, password = "correct horse") =>
    call(SIGN_UP, { input: { email, password, name: "Sam", accountType: "TALENT" } }, null);
  // 64 + 1 + 189 = 254 characters: the longest address the users.email column holds.
  const domain = `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(56)}.test`;
  const storedEmail = async (email: string) => column(`SELECT email AS value FROM users WHERE email = ?`, email);

  it("accepts an email of 254 characters and stores it", async () => {
    const email = `${"x".repeat(64)}@${domain}`;
    expect(email).toHaveLength(254);
    expect((await signUp(email)).errors).toBeUndefined();
    expect(await storedEmail(email)).toBe(email);
  });

  it("refuses an email of 255 characters, naming the field", async () => {
    const email = `${"x".repeat(64)}@${domain}x`;
    const response = await signUp(email);
    // validator.js's isEmail has the same 254 limit, and is checked first.
    expect(response.errors?.[0]).toMatchObject({
      message: "Invalid email: must be a valid email address",
      extensions: { code: "BAD_USER_INPUT", field: "email" },
    });
  });

  it("refuses an email that lower-casing lengthens past the column (İ becomes i and a combining dot)", async () => {
    const email = `${"x".repeat(64)}@${"İ".repeat(60)}.${"b".repeat(63)}.${"c".repeat(58)}.test`;
    expect([...email]).toHaveLength(253);
    expect([...email.toLowerCase()]).toHaveLength(313);
    const response = await signUp(email);
    expect(response.errors?.[0]).toMatchObject({
      message: "Invalid email: must be at most 254 characters",
      extensions: { code: "BAD_USER_INPUT", field: "email" },
    });
    expect(await storedEmail(email.toLowerCase())).toBeUndefined();
  });

  it("accepts a password of 200 astral emoji (400 UTF-16 units), and signs in with it", async () => {
    const password = "🔑".repeat(200);
    const email = "emoji-password@example.test";
    expect((await signUp(email, password)).errors).toBeUndefined();
    const login = await call(LOGIN, { email, password }, null);
    expect(login.errors).toBeUndefined();
  });

  it.each([
    ["201 characters", "🔑".repeat(201), "must be at most 200 characters"],
    ["7 characters padded with U+FE0F", "a\uFE0F".repeat(3) + "a", "must be at least 8 characters"],
  ])("refuses a password of %s", async (_label, password, problem) => {
    const response = await signUp(`short-${password.length}@example.test`, password);
    expect(response.errors?.[0]).toMatchObject({
      message: `Invalid password: ${problem}`,
      extensions: { code: "BAD_USER_INPUT", field: "password" },
    });
  });
});
