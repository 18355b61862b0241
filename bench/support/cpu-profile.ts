import fs from "node:fs";
import path from "node:path";

/** The parts of V8's .cpuprofile format (written by node --cpu-prof) that a summary needs. */
interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileEntry {
  name: string;
  selfMs: number;
  /** Share of the busy (non-idle) time. */
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  idleMs: number;
  busyMs: number;
  functions: ProfileEntry[];
  modules: ProfileEntry[];
}

/** Where a function lives: a package, the gateway's own folder, Node's internals, or a V8 pseudo-frame. */
export function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const packagePath = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packagePath) return packagePath[1]!;
  if (url.startsWith("node:"))
    return `node:${url.slice(5).split("/")[0] === "internal" ? "internal/" + url.split("/")[1] : url.slice(5)}`;
  const project = /\/dist\/((?:src|resolvers|entities|bench)\/(?:[^/]+\/)?)/.exec(url);
  if (project) return `gateway ${project[1]}`;
  return url;
}

/** Self time per function and per module, busiest first, from a .cpuprofile file. */
export function summariseCpuProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfByNode = new Map<number, number>();
  profile.samples.forEach((nodeId, i) => {
    selfByNode.set(nodeId, (selfByNode.get(nodeId) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  for (const [nodeId, selfMs] of selfByNode) {
    const { functionName, url, lineNumber } = byNode.get(nodeId)!.callFrame;
    totalMs += selfMs;
    if (functionName === "(idle)") {
      idleMs += selfMs;
      continue;
    }
    const where = url ? `${url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\//, "")}:${lineNumber + 1}` : "";
    const key = `${functionName || "(anonymous)"} ${where}`.trim();
    functions.set(key, (functions.get(key) ?? 0) + selfMs);
    const module = moduleOf(url, functionName);
    modules.set(module, (modules.get(module) ?? 0) + selfMs);
  }
  const busyMs = totalMs - idleMs;
  const ranked = (entries: Map<string, number>) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, selfMs]) => ({ name, selfMs, share: selfMs / busyMs }));
  return { totalMs, idleMs, busyMs, functions: ranked(functions), modules: ranked(modules) };
}

/** The newest .cpuprofile in a folder. */
export function newestProfile(dir: string): string {
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".cpuprofile"))
    .map((name) => path.join(dir, name))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`No .cpuprofile in ${dir}`);
  return files[0]!;
}
