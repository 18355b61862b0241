import fs from "node:fs";

/**
 * Self instructions per function of a callgrind dump, V8's machine code named
 * from the process's perf map (`node --perf-basic-prof` writes
 * /tmp/perf-<pid>.map: start, size and name of each piece of code it
 * generates): callgrind itself sees JIT code only as addresses. Functions are
 * also summed into a few groups (V8's optimising compiler, the collector,
 * builtins, JavaScript, ...), which say where a change of the total went.
 */
export interface FunctionCosts {
  readonly total: number;
  readonly functions: readonly { name: string; instructions: number }[];
  readonly groups: readonly { group: string; instructions: number }[];
}

interface CodeRange {
  start: number;
  end: number;
  name: string;
}

export function functionCosts(dumpFile: string, perfMapFile: string | null): FunctionCosts {
  const ranges = perfMapFile && fs.existsSync(perfMapFile) ? readPerfMap(perfMapFile) : [];
  const selfCosts = selfCostsOf(fs.readFileSync(dumpFile, "utf8"));
  const byName = new Map<string, number>();
  let total = 0;
  for (const [name, cost] of selfCosts) {
    total += cost;
    const address = /^0x([0-9a-f]+)\b/.exec(name)?.[1];
    const label = address === undefined ? name : `JS ${codeAt(ranges, parseInt(address, 16)) ?? "(unnamed code)"}`;
    byName.set(label, (byName.get(label) ?? 0) + cost);
  }
  const groups = new Map<string, number>();
  for (const [name, cost] of byName) {
    const group = groupOf(name);
    groups.set(group, (groups.get(group) ?? 0) + cost);
  }
  return {
    total,
    functions: [...byName].map(([name, instructions]) => ({ name, instructions })).sort(byInstructions),
    groups: [...groups].map(([group, instructions]) => ({ group, instructions })).sort(byInstructions),
  };
}

function byInstructions(a: { instructions: number }, b: { instructions: number }): number {
  return b.instructions - a.instructions;
}

function readPerfMap(file: string): CodeRange[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [start = "0", size = "0", ...name] = line.split(" ");
      const from = parseInt(start, 16);
      return { start: from, end: from + parseInt(size, 16), name: name.join(" ") };
    })
    .sort((a, b) => a.start - b.start);
}

/** The code at an address: the last range starting at or before it (V8 reuses memory for later code). */
function codeAt(ranges: readonly CodeRange[], address: number): string | null {
  let low = 0;
  let high = ranges.length - 1;
  let found: CodeRange | null = null;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (ranges[middle]!.start <= address) {
      found = ranges[middle]!;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && address < found.end ? found.name : null;
}

/**
 * Callgrind's format: `fn=` opens a function's cost lines (names compressed
 * as `(id) name` the first time, `(id)` after); `calls=` is followed by one
 * line of the callee's inclusive cost, which is not the caller's own.
 */
function selfCostsOf(text: string): Map<string, number> {
  const names = new Map<string, string>();
  const objects = new Map<string, string>();
  const expand = (table: Map<string, string>, value: string) => {
    const match = /^\((\d+)\)(?: (.*))?$/.exec(value);
    if (!match) return value;
    if (match[2] !== undefined) table.set(match[1]!, match[2]);
    return table.get(match[1]!) ?? value;
  };
  const costs = new Map<string, number>();
  let current: string | null = null;
  let object = "?";
  let callCostNext = false;
  for (const line of text.split("\n")) {
    if (line.startsWith("ob=")) object = expand(objects, line.slice(3));
    else if (line.startsWith("fn=")) current = `${expand(names, line.slice(3))} [${object}]`;
    else if (line.startsWith("cfn=")) expand(names, line.slice(4));
    else if (line.startsWith("cob=")) expand(objects, line.slice(4));
    else if (line.startsWith("calls=")) callCostNext = true;
    else if (/^[+-]?\d|^\*/.test(line)) {
      if (callCostNext) callCostNext = false;
      else if (current) costs.set(current, (costs.get(current) ?? 0) + Number(line.split(" ")[1] ?? 0));
    }
  }
  return costs;
}

const GROUPS: readonly [string, RegExp][] = [
  ["V8 optimising compiler", /compiler::|maglev::/],
  [
    "garbage collector",
    /Marking|Scavenge|Sweeper|MarkCompact|Heap::|heap::|RecordWrite|Evacuat|BodyDescriptor|SizeFromMap|MarkingBarrier/,
  ],
  ["JavaScript (V8's machine code)", /^JS /],
  ["V8 builtins (interpreter, ICs, runtime stubs)", /^Builtins_/],
  ["OpenSSL", /sha256|sha512|EVP_|OPENSSL|CRYPTO_|HMAC|ossl_/],
  ["libc and libstdc++", /libc\.so|libstdc\+\+/],
];

function groupOf(name: string): string {
  return GROUPS.find(([, pattern]) => pattern.test(name))?.[0] ?? "other native code (V8 runtime, Node.js, libuv)";
}
