/*
 * `npm run bench:heap-diff -- BEFORE AFTER [N]`: what grew between two V8
 * heap snapshots (bench:live --heap-snapshots writes them before and after its
 * subscribers connect), by kind of object, largest growth first, and per
 * subscriber when N (how many connected) is given.
 *
 * A kind is the node's type and name (a class's instances, a function's
 * closures, "(object elements)"); a plain Object is told apart by its first
 * property names, since "Object" alone names half the heap. Sizes are shallow
 * (the node itself, not what it holds): a kind that grew by one per
 * subscriber is what each subscription keeps.
 */
import fs from "node:fs";
import { helpRequested } from "./support/args";

interface HeapSnapshotFile {
  snapshot: {
    meta: {
      node_fields: string[];
      node_types: [string[], ...unknown[]];
      edge_fields: string[];
      edge_types: [string[], ...unknown[]];
    };
  };
  nodes: number[];
  edges: number[];
  strings: string[];
}

interface Kind {
  count: number;
  bytes: number;
}

/** How many property names tell one plain object's kind from another's. */
const SHAPE_PROPERTIES = 5;
const ROWS = 40;

const argv = process.argv.slice(2);
if (helpRequested(argv, __filename)) process.exit(0);
if (argv.length < 2) {
  console.error("usage: npm run bench:heap-diff -- BEFORE.heapsnapshot AFTER.heapsnapshot [subscribers]");
  process.exit(1);
}
const [beforeFile, afterFile, perArg] = argv as [string, string, string | undefined];
const per = perArg ? Number(perArg) : 0;

function kindsOf(file: string): Map<string, Kind> {
  const heap = JSON.parse(fs.readFileSync(file, "utf8")) as HeapSnapshotFile;
  const {
    node_fields: nodeFields,
    node_types: nodeTypes,
    edge_fields: edgeFields,
    edge_types: edgeTypes,
  } = heap.snapshot.meta;
  const nodeWidth = nodeFields.length;
  const edgeWidth = edgeFields.length;
  const typeAt = nodeFields.indexOf("type");
  const nameAt = nodeFields.indexOf("name");
  const sizeAt = nodeFields.indexOf("self_size");
  const edgeCountAt = nodeFields.indexOf("edge_count");
  const edgeTypeAt = edgeFields.indexOf("type");
  const edgeNameAt = edgeFields.indexOf("name_or_index");
  const typeNames = nodeTypes[0];
  const propertyEdge = edgeTypes[0].indexOf("property");
  const kinds = new Map<string, Kind>();
  let edgeIndex = 0;
  for (let node = 0; node < heap.nodes.length; node += nodeWidth) {
    const type = typeNames[heap.nodes[node + typeAt]!]!;
    const edgeCount = heap.nodes[node + edgeCountAt]!;
    let name = type.includes("string") || type === "number" ? "" : heap.strings[heap.nodes[node + nameAt]!]!;
    if (type === "object" && name === "Object") {
      const properties: string[] = [];
      for (let e = 0; e < edgeCount && properties.length < SHAPE_PROPERTIES; e += 1) {
        const edge = edgeIndex + e * edgeWidth;
        if (heap.edges[edge + edgeTypeAt] === propertyEdge) {
          properties.push(heap.strings[heap.edges[edge + edgeNameAt]!]!);
        }
      }
      name = `{${properties.join(", ")}}`;
    }
    edgeIndex += edgeCount * edgeWidth;
    const key = `${type} ${name.slice(0, 80)}`;
    const kind = kinds.get(key) ?? { count: 0, bytes: 0 };
    kind.count += 1;
    kind.bytes += heap.nodes[node + sizeAt]!;
    kinds.set(key, kind);
  }
  return kinds;
}

const before = kindsOf(beforeFile);
const after = kindsOf(afterFile);
const growth = [...after].map(([key, kind]) => {
  const old = before.get(key) ?? { count: 0, bytes: 0 };
  return { key, count: kind.count - old.count, bytes: kind.bytes - old.bytes };
});
for (const [key, kind] of before) {
  if (!after.has(key)) growth.push({ key, count: -kind.count, bytes: -kind.bytes });
}
growth.sort((a, b) => b.bytes - a.bytes);
const total = growth.reduce((sum, row) => sum + row.bytes, 0);
const perSubscriber = (value: number) => (per > 0 ? (value / per).toFixed(2).padStart(9) : "");
console.log(
  `${"bytes".padStart(12)} ${"count".padStart(9)}${per > 0 ? `${"B/sub".padStart(9)} ${"n/sub".padStart(9)}` : ""}  kind`,
);
for (const row of growth.slice(0, ROWS)) {
  console.log(
    `${String(row.bytes).padStart(12)} ${String(row.count).padStart(9)}` +
      `${per > 0 ? `${perSubscriber(row.bytes)} ${perSubscriber(row.count)}` : ""}  ${row.key}`,
  );
}
console.log(
  `${String(total).padStart(12)} in all${per > 0 ? `: ${(total / per).toFixed(0)} bytes per subscriber` : ""}`,
);
