import jwt from "jsonwebtoken";
import {
  RefreshTokenDocument,
  SignInWithExpiryDocument,
  SignUpDocument,
  ViewerDocument,
} from "../generated/operations";
import { errorCode, request } from "../support/graphql-http";
import { TEST_JWT_SECRET } from "../support/test-app";
import { useGateway } from "../support/use-gateway";

/*
 * refreshToken: a new token for a still-valid one, in the same session. The
 * session's start (the JWT's auth_time) travels from token to token, so no
 * chain of refreshes outlives SESSION_MAX_AGE_SECONDS after the sign-in.
 */

const TTL_SECONDS = 600;
const SESSION_MAX_AGE_SECONDS = 3600;
const gateway = useGateway({
  env: { JWT_TTL_SECONDS: String(TTL_SECONDS), SESSION_MAX_AGE_SECONDS: String(SESSION_MAX_AGE_SECONDS) },
});

const claimsOf = (token: string) => jwt.decode(token) as jwt.JwtPayload;
const PASSWORD = "a-password-long-enough";

async function signedIn(name: string) {
  const email = `refresh-${name.toLowerCase()}-${Date.now()}@talent.test`;
  await request(gateway.app.url, SignUpDocument, {
    input: { email, password: PASSWORD, name, accountType: "TALENT" },
  });
  const { data } = await request(gateway.app.url, SignInWithExpiryDocument, { email, password: PASSWORD });
  return data!.login;
}

/** A token as the gateway signs them, with claims of the test's choosing. */
function tokenWith(userId: number, claims: { auth_time?: number; exp: number }): string {
  return jwt.sign({ acct: "TALENT", ...claims }, TEST_JWT_SECRET, {
    algorithm: "HS256",
    issuer: "talent-dashboard",
    subject: String(userId),
  });
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("refreshToken", () => {
  it("gives a working token that expires later, in the same session", async () => {
    const login = await signedIn("Rita");
    expect(Date.parse(login.expiresAt) / 1000).toBe(claimsOf(login.token).exp);
    await new Promise((resolve) => setTimeout(resolve, 1_100));

    const { data, errors } = await request(gateway.app.url, RefreshTokenDocument, {}, { token: login.token });
    expect(errors).toBeUndefined();
    const refreshed = data!.refreshToken;
    expect(refreshed.token).not.toBe(login.token);
    expect(Date.parse(refreshed.expiresAt)).toBeGreaterThan(Date.parse(login.expiresAt));
    expect(Date.parse(refreshed.expiresAt) / 1000).toBe(claimsOf(refreshed.token).exp);
    expect(claimsOf(refreshed.token).auth_time).toBe(claimsOf(login.token).auth_time);

    const viewer = await request(gateway.app.url, ViewerDocument, {}, { token: refreshed.token });
    expect(viewer.data!.viewer!.id).toBe(refreshed.user.id);
  });

  it("keeps the session's start through a chain of refreshes", async () => {
    const login = await signedIn("Chain");
    let token = login.token;
    for (let round = 0; round < 3; round += 1) {
      const { data } = await request(gateway.app.url, RefreshTokenDocument, {}, { token });
      token = data!.refreshToken.token;
    }
    expect(claimsOf(token).auth_time).toBe(claimsOf(login.token).auth_time);
  });

  it("never issues a token that outlives the session", async () => {
    const login = await signedIn("Cap");
    const userId = Number(claimsOf(login.token).sub);
    // The session began 55 minutes ago: 5 of its 60 are left, less than a token's 10.
    const signedInAt = nowSeconds() - (SESSION_MAX_AGE_SECONDS - 300);
    const old = tokenWith(userId, { auth_time: signedInAt, exp: nowSeconds() + 60 });
    const { data } = await request(gateway.app.url, RefreshTokenDocument, {}, { token: old });
    expect(claimsOf(data!.refreshToken.token).exp).toBe(signedInAt + SESSION_MAX_AGE_SECONDS);
  });

  it("refuses a session past its maximum age, even with a token that is still valid", async () => {
    const login = await signedIn("Old");
    const userId = Number(claimsOf(login.token).sub);
    const old = tokenWith(userId, { auth_time: nowSeconds() - SESSION_MAX_AGE_SECONDS - 1, exp: nowSeconds() + 60 });
    const response = await request(gateway.app.url, RefreshTokenDocument, {}, { token: old });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(response.errors![0]!.message).toBe("This session has reached its maximum age: sign in again");
  });

  it("counts a token without auth_time (issued before sessions were tracked) from when it was issued", async () => {
    const login = await signedIn("Legacy");
    const userId = Number(claimsOf(login.token).sub);
    const issuedAt = nowSeconds() - SESSION_MAX_AGE_SECONDS - 10;
    const legacy = jwt.sign({ acct: "TALENT", iat: issuedAt, exp: nowSeconds() + 60 }, TEST_JWT_SECRET, {
      algorithm: "HS256",
      issuer: "talent-dashboard",
      subject: String(userId),
    });
    expect(errorCode(await request(gateway.app.url, RefreshTokenDocument, {}, { token: legacy }))).toBe(
      "UNAUTHENTICATED",
    );
  });

  it("needs a valid token: none, an expired one and a forged one are refused", async () => {
    const login = await signedIn("Nope");
    const userId = Number(claimsOf(login.token).sub);
    expect(errorCode(await request(gateway.app.url, RefreshTokenDocument, {}))).toBe("UNAUTHENTICATED");

    const expired = tokenWith(userId, { auth_time: nowSeconds() - 100, exp: nowSeconds() - 1 });
    const expiredResponse = await request(gateway.app.url, RefreshTokenDocument, {}, { token: expired });
    expect(expiredResponse.status).toBe(401);
    expect(expiredResponse.data ?? null).toBeNull();

    const forged = jwt.sign({ acct: "TALENT", auth_time: nowSeconds(), exp: nowSeconds() + 600 }, "another-secret", {
      algorithm: "HS256",
      issuer: "talent-dashboard",
      subject: String(userId),
    });
    expect((await request(gateway.app.url, RefreshTokenDocument, {}, { token: forged })).status).toBe(401);
  });

  it("answers UNAUTHENTICATED for a deleted account", async () => {
    const talent = await gateway.fixtures.talent("Gone");
    await gateway.app.db.query("DELETE FROM talent_profiles WHERE talentId = ?", [talent.user.id]);
    await gateway.app.db.query("DELETE FROM users WHERE id = ?", [talent.user.id]);
    const response = await request(gateway.app.url, RefreshTokenDocument, {}, { token: talent.token });
    expect(errorCode(response)).toBe("UNAUTHENTICATED");
    expect(response.errors![0]!.message).toBe("The signed-in account no longer exists");
  });
});
