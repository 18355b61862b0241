import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { functionCosts } from "../bench/support/callgrind-functions";

/*
 * bench:instructions --functions: self costs out of callgrind's compressed
 * format (a call's inclusive cost is the callee's, not the caller's), and V8's
 * code named from its perf map.
 */

const DUMP = `version: 1
creator: callgrind-3.19.0
events: Ir
ob=(1) /usr/bin/node
fl=(1) ???
fn=(1) v8::internal::compiler::GraphReducer::ReduceTop()
0 700
cfn=(2) Builtins_LoadIC
calls=3 0
0 400
fn=(2)
0 150
ob=(2) ???
fn=(3) 0x0000000000001010
0 100
fn=(4) 0x0000000000002008
0 50
fn=(5) 0x0000000000009000
0 25
fn=(3)
0 5
totals: 1030
`;

const PERF_MAP = ["1000 100 JS:*resolve node:path:1217:10", "2000 10 JS:*hashKey parser_cache.js:78:17", ""].join("\n");

describe("a callgrind dump's functions", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "callgrind-"));
    fs.writeFileSync(path.join(dir, "dump.out"), DUMP);
    fs.writeFileSync(path.join(dir, "perf.map"), PERF_MAP);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("are their own costs, calls left out, JIT code named from the perf map", () => {
    const costs = functionCosts(path.join(dir, "dump.out"), path.join(dir, "perf.map"));
    expect(costs.total).toBe(1030);
    expect(costs.functions).toEqual([
      { name: "v8::internal::compiler::GraphReducer::ReduceTop() [/usr/bin/node]", instructions: 700 },
      { name: "Builtins_LoadIC [/usr/bin/node]", instructions: 150 },
      { name: "JS JS:*resolve node:path:1217:10", instructions: 105 },
      { name: "JS JS:*hashKey parser_cache.js:78:17", instructions: 50 },
      { name: "JS (unnamed code)", instructions: 25 },
    ]);
  });

  it("sum into groups", () => {
    const costs = functionCosts(path.join(dir, "dump.out"), path.join(dir, "perf.map"));
    expect(costs.groups).toEqual([
      { group: "V8 optimising compiler", instructions: 700 },
      { group: "JavaScript (V8's machine code)", instructions: 180 },
      { group: "V8 builtins (interpreter, ICs, runtime stubs)", instructions: 150 },
    ]);
  });

  it("leave JIT code unnamed without a perf map", () => {
    const costs = functionCosts(path.join(dir, "dump.out"), null);
    expect(costs.functions.filter((row) => row.name === "JS (unnamed code)")).toEqual([
      { name: "JS (unnamed code)", instructions: 180 },
    ]);
  });
});
