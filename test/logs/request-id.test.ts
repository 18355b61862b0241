import {
  errorCodesOf,
  INVALID_OPERATION_NAME,
  loggedOperationName,
  MAX_LOGGED_OPERATION_NAME,
} from "../../src/logging/operation-fields";
import { operationRequestId, requestIdFrom } from "../../src/logging/request-id";
import { UUID } from "../support/log-lines";

/* The rules both transports apply to what a client chooses: request ids, message ids, operation names. */

describe("requestIdFrom", () => {
  it.each(["a", "checkout-7f3a.retry:2_b-C", "0".repeat(128), "550e8400-e29b-41d4-a716-446655440000"])(
    "keeps the sane id %s",
    (id) => {
      expect(requestIdFrom(id)).toBe(id);
    },
  );

  it.each([
    ["nothing", undefined],
    ["an empty value", ""],
    ["129 characters", "0".repeat(129)],
    ["a header sent twice (Node joins them)", "first, second"],
    ["a header sent twice (as a list)", ["first", "second"]],
    ["a line feed", "abc\ndef"],
    ["a CRLF", "abc\r\nX-Injected: 1"],
    ["a trailing line feed", "abc\n"],
    ["a NUL", "abc\u0000"],
    ["a tab", "abc\tdef"],
    ["a space", "abc def"],
    ["a percent-escape", "abc%0A"],
    ["JSON", '{"level":"fatal"}'],
    ["a non-ASCII letter", "\u00e9t\u00e9"],
    ["a look-alike digit", "abc\u0661"],
  ])("replaces %s with a fresh UUID", (_label, header) => {
    const id = requestIdFrom(header as string | string[] | undefined);
    expect(id).toMatch(UUID);
    expect(requestIdFrom(header as string | string[] | undefined)).not.toBe(id);
  });
});

describe("operationRequestId", () => {
  it("joins the connection's id and a sane message id", () => {
    expect(operationRequestId("conn-1", "op-7")).toBe("conn-1:op-7");
    expect(operationRequestId("conn-1", "k".repeat(64))).toBe(`conn-1:${"k".repeat(64)}`);
  });

  it.each([
    ["an empty id", ""],
    ["65 characters", "k".repeat(65)],
    ["a line feed", "a\nb"],
    ["a CRLF", "a\r\nb"],
    ["a space", "a b"],
    ["a non-ASCII letter", "\u00fc"],
    ["JSON", '"}{"level":"fatal"'],
  ])("replaces %s by a digest, the same for the same id", (_label, messageId) => {
    const id = operationRequestId("conn-1", messageId);
    expect(id).toMatch(/^conn-1:~[0-9a-f]{16}$/);
    expect(operationRequestId("conn-1", messageId)).toBe(id);
  });

  it("gives distinct hostile ids distinct digests (no two operations share a line's id)", () => {
    const ids = ["a b", "a\tb", "a\nb", "a\r\nb", "a_b ", " a_b"].map((messageId) =>
      operationRequestId("c", messageId),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("loggedOperationName", () => {
  it("keeps a GraphQL name, cuts a long one, and gives null for none", () => {
    expect(loggedOperationName("Dashboard")).toBe("Dashboard");
    expect(loggedOperationName("_private2")).toBe("_private2");
    const long = `A${"b".repeat(200)}`;
    expect(loggedOperationName(long)).toBe(`${long.slice(0, MAX_LOGGED_OPERATION_NAME)}...`);
    expect(loggedOperationName(undefined)).toBeNull();
    expect(loggedOperationName(null)).toBeNull();
    expect(loggedOperationName("")).toBeNull();
  });

  it.each([
    ["a line feed", "Dash\nboard"],
    ["a space", "Dash board"],
    ["a leading digit", "1Dash"],
    ["JSON", '{"a":1}'],
    ["a number", 42],
    ["an object", { name: "Dashboard" }],
  ])("logs %s as invalid", (_label, name) => {
    expect(loggedOperationName(name)).toBe(INVALID_OPERATION_NAME);
  });
});

describe("errorCodesOf", () => {
  it("lists the distinct codes in order, at most ten, and marks anything that is not a code", () => {
    const coded = (code: unknown) => ({ message: "x", extensions: { code } });
    expect(errorCodesOf([coded("FORBIDDEN"), coded("NOT_FOUND"), coded("FORBIDDEN"), { message: "no code" }])).toEqual([
      "FORBIDDEN",
      "NOT_FOUND",
    ]);
    expect(errorCodesOf([coded("forged\ncode"), coded(7)])).toEqual(["(invalid)"]);
    expect(errorCodesOf(Array.from({ length: 30 }, (_, index) => coded(`CODE_${index}`)))).toHaveLength(10);
    expect(errorCodesOf(undefined)).toEqual([]);
  });
});
