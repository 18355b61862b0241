import { createLoginThrottle } from "../../src/auth/login-throttle";
import { request } from "../support/graphql-http";
import { LoginDocument, SignUpDocument } from "../generated/operations";
import { useGateway } from "../support/use-gateway";

const gateway = useGateway();

describe("the login throttle", () => {
  it("refuses an account after 5 failures, even with the right password, and says when to retry", async () => {
    const email = "throttled@example.test";
    const password = "the right password";
    const signUp = await request(gateway.app.url, SignUpDocument, {
      input: { email, password, name: "Throttled", accountType: "TALENT" },
    });
    expect(signUp.errors).toBeUndefined();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const wrong = await request(gateway.app.url, LoginDocument, { email, password: `guess ${attempt}` });
      expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    }
    const refused = await request(gateway.app.url, LoginDocument, { email, password });
    expect(refused.data).toBeNull();
    expect(refused.errors?.[0]?.extensions?.code).toBe("TOO_MANY_REQUESTS");
    expect(refused.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(800);
    expect(refused.errors?.[0]?.message).toMatch(/^Too many failed sign-in attempts; try again in \d+ seconds$/);
  });

  it("refuses a client address after 20 failures across accounts", () => {
    let now = 0;
    const throttle = createLoginThrottle(
      { maxFailuresPerAccount: 5, maxFailuresPerClient: 20, windowSeconds: 60 },
      () => now,
    );
    for (let i = 0; i < 20; i += 1) throttle.recordFailure(`user${i}@example.test`, "10.0.0.1");
    expect(() => throttle.check("fresh@example.test", "10.0.0.1")).toThrow(/Too many failed sign-in attempts/);
    expect(() => throttle.check("fresh@example.test", "10.0.0.2")).not.toThrow();
    now += 60_000;
    expect(() => throttle.check("fresh@example.test", "10.0.0.1")).not.toThrow();
  });

  it("forgets an account's failures after a successful sign-in", () => {
    const throttle = createLoginThrottle({ maxFailuresPerAccount: 2, maxFailuresPerClient: 100, windowSeconds: 60 });
    throttle.recordFailure("a@example.test", null);
    throttle.recordSuccess("a@example.test");
    throttle.recordFailure("a@example.test", null);
    expect(() => throttle.check("a@example.test", null)).not.toThrow();
    throttle.recordFailure("a@example.test", null);
    expect(() => throttle.check("a@example.test", null)).toThrow(/Too many/);
  });
});
