import { ConfigError, loadConfig } from "../../src/config";

describe("the rate-limit settings", () => {
  it("default to budgets no person using an app would meet, with X-Forwarded-For not trusted", () => {
    const config = loadConfig({});
    expect(config.rateLimits).toEqual({
      enabled: true,
      costPerAccountPerMinute: 100_000,
      costPerAddressPerMinute: 500_000,
      writesPerAccountPerMinute: 120,
      writesPerAddressPerMinute: 600,
      signUpsPerAddressPerHour: 20,
    });
    expect(config.trustProxy).toBe(false);
  });

  it("read each budget from its own variable, and RATE_LIMITS=off", () => {
    const config = loadConfig({
      RATE_LIMITS: "off",
      RATE_LIMIT_COST_PER_ACCOUNT: "1000",
      RATE_LIMIT_COST_PER_ADDRESS: "2000",
      RATE_LIMIT_WRITES_PER_ACCOUNT: "3",
      RATE_LIMIT_WRITES_PER_ADDRESS: "4",
      RATE_LIMIT_SIGNUPS_PER_ADDRESS: "5",
    });
    expect(config.rateLimits).toEqual({
      enabled: false,
      costPerAccountPerMinute: 1000,
      costPerAddressPerMinute: 2000,
      writesPerAccountPerMinute: 3,
      writesPerAddressPerMinute: 4,
      signUpsPerAddressPerHour: 5,
    });
  });

  it.each([
    [{ RATE_LIMITS: "sometimes" }, "RATE_LIMITS must be on or off, got 'sometimes'"],
    [
      { RATE_LIMIT_COST_PER_ACCOUNT: "0" },
      "RATE_LIMIT_COST_PER_ACCOUNT must be an integer from 1 to 100000000, got '0'",
    ],
    [
      { RATE_LIMIT_WRITES_PER_ACCOUNT: "1.5" },
      "RATE_LIMIT_WRITES_PER_ACCOUNT must be an integer from 1 to 1000000, got '1.5'",
    ],
    [
      { RATE_LIMIT_SIGNUPS_PER_ADDRESS: "-1" },
      "RATE_LIMIT_SIGNUPS_PER_ADDRESS must be an integer from 1 to 1000000, got '-1'",
    ],
    [
      { TRUST_PROXY: "true" },
      "TRUST_PROXY must be false, a hop count (0 to 10), or comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal), got 'true'",
    ],
    [
      { TRUST_PROXY: "10.0.0.0/33" },
      "TRUST_PROXY must be false, a hop count (0 to 10), or comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal), got '10.0.0.0/33'",
    ],
    [
      { TRUST_PROXY: "10.0.0.1, proxy.internal" },
      "TRUST_PROXY must be false, a hop count (0 to 10), or comma-separated addresses/CIDRs (or loopback, linklocal, uniquelocal), got 'proxy.internal'",
    ],
    [{ TRUST_PROXY: "11" }, "TRUST_PROXY must be an integer from 0 to 10, got '11'"],
  ])("refuse %j by naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it.each([
    ["false", false],
    ["0", false],
    ["2", 2],
    ["loopback", ["loopback"]],
    ["10.0.0.0/8, fd00::/8 ,192.0.2.1", ["10.0.0.0/8", "fd00::/8", "192.0.2.1"]],
  ])("read TRUST_PROXY=%j", (raw, expected) => {
    expect(loadConfig({ TRUST_PROXY: raw }).trustProxy).toEqual(expected);
  });
});
