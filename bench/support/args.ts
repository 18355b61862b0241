import fs from "node:fs";

/** `--name N` or `--name=N` from the command line, as a whole number; `fallback` when absent. */
export function numberArgument(argv: readonly string[], name: string, fallback: number): number {
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split("=", 2);
    if (flag !== `--${name}`) continue;
    const raw = inline ?? argv[i + 1];
    if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`--${name} needs a whole number, got '${raw ?? ""}'`);
    return Number(raw);
  }
  return fallback;
}

export function talentsArgument(argv: readonly string[], fallback: number): number {
  const talents = numberArgument(argv, "talents", fallback);
  if (talents < 1) throw new Error("--talents must be at least 1");
  return talents;
}

/** A comma-separated list of whole numbers, e.g. `--concurrency 1,8,32`. */
export function listArgument(argv: readonly string[], name: string, fallback: number[]): number[] {
  for (let i = 0; i < argv.length; i += 1) {
    const [flag, inline] = argv[i]!.split("=", 2);
    if (flag !== `--${name}`) continue;
    const raw = inline ?? argv[i + 1] ?? "";
    const values = raw.split(",").map((part) => Number(part.trim()));
    if (values.length === 0 || values.some((value) => !Number.isInteger(value) || value < 1)) {
      throw new Error(`--${name} needs comma-separated whole numbers, got '${raw}'`);
    }
    return values;
  }
  return fallback;
}

export function hasFlag(argv: readonly string[], name: string): boolean {
  return argv.includes(`--${name}`);
}

/** `--name value` or `--name=value`; `fallback` when absent. */
export function stringArgument(argv: readonly string[], name: string, fallback: string): string {
  for (let i = 0; i < argv.length; i += 1) {
    const at = argv[i]!.indexOf("=");
    const flag = at < 0 ? argv[i]! : argv[i]!.slice(0, at);
    if (flag !== `--${name}`) continue;
    // `--name=value` takes the rest whatever it is (`--node-args=--single-threaded`, `--also=A=1`);
    // a separate value must not look like the next option.
    if (at >= 0) return argv[i]!.slice(at + 1);
    const raw = argv[i + 1];
    if (raw === undefined || raw.startsWith("--")) throw new Error(`--${name} needs a value`);
    return raw;
  }
  return fallback;
}

/** With `--help`, prints the header comment of the bench's source (its usage) and returns true. */
export function helpRequested(argv: readonly string[], compiledFile: string): boolean {
  if (!argv.includes("--help")) return false;
  const source = compiledFile.replace(/\/dist\/bench\//, "/bench/").replace(/\.js$/, ".ts");
  const text = fs.existsSync(source) ? fs.readFileSync(source, "utf8") : fs.readFileSync(compiledFile, "utf8");
  const header = /\/\*([\s\S]*?)\*\//.exec(text)?.[1] ?? "";
  console.log(header.replace(/^ ?\* ?/gm, "").trim());
  return true;
}

/** Settings given as `"KEY=VALUE;KEY=VALUE"` (for a gateway's environment); `option` names them in errors. */
export function parseSettings(text: string, option: string): Record<string, string> {
  const settings: Record<string, string> = {};
  for (const pair of text.split(";").filter(Boolean)) {
    const at = pair.indexOf("=");
    if (at < 1) throw new Error(`${option}: "${pair}" is not KEY=VALUE`);
    settings[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return settings;
}
