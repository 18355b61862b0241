import { stringArgument } from "../bench/support/args";

/* The benches' options: a value that starts with `--` (Node.js flags) or holds `=` (settings) is given whole. */

describe("a bench's string option", () => {
  it("takes `--name value` and `--name=value`", () => {
    expect(stringArgument(["--talents", "1000"], "talents", "5")).toBe("1000");
    expect(stringArgument(["--talents=1000"], "talents", "5")).toBe("1000");
    expect(stringArgument([], "talents", "5")).toBe("5");
  });

  it("takes the whole of an `=` value, flags and further `=` included", () => {
    expect(stringArgument(["--node-args=--single-threaded --perf-basic-prof"], "node-args", "")).toBe(
      "--single-threaded --perf-basic-prof",
    );
    expect(stringArgument(["--also=A=1;B=2"], "also", "")).toBe("A=1;B=2");
  });

  it("refuses a separate value that is the next option, and a missing one", () => {
    expect(() => stringArgument(["--node-args", "--single-threaded"], "node-args", "")).toThrow(
      "--node-args needs a value",
    );
    expect(() => stringArgument(["--talents"], "talents", "5")).toThrow("--talents needs a value");
  });

  it("does not take an option whose name only begins with the name", () => {
    expect(stringArgument(["--talents-extra=9"], "talents", "5")).toBe("5");
  });
});
