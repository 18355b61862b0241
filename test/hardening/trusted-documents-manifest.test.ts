import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  Kind,
  parse,
  print,
  visit,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";
import * as exampleDocuments from "../../examples/generated/operations";
import { createApp } from "../../src/app";
import { ConfigError, loadConfig } from "../../src/config";
import { createMemoryLogger } from "../../src/logger";
import { GATEWAY_MANIFEST, loadTrustedDocuments } from "../../src/trusted-documents/manifest";
import * as testDocuments from "../generated/operations";
import { contractOperation } from "../support/contract-operations";
import { testConfig } from "../support/test-app";

/*
 * The committed manifest (schema/trusted-documents.json, written by
 * `npm run codegen`) holds exactly what the project's own clients send, under
 * the hash Apollo Client's persisted-queries link computes; and manifests that
 * other teams give are checked entry by entry at start-up.
 */

const ROOT = path.join(__dirname, "..", "..");
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
const manifest = JSON.parse(fs.readFileSync(GATEWAY_MANIFEST, "utf8")) as Record<string, string>;

function operationsOf(file: string): OperationDefinitionNode[] {
  return parse(fs.readFileSync(file, "utf8")).definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
}

/** The client examples: each folder of examples/ with an operations.graphql (and the client preset's output). */
function clientExampleFolders(): string[] {
  const examples = path.join(ROOT, "examples");
  return fs
    .readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(examples, entry.name, "operations.graphql")))
    .map((entry) => path.join(examples, entry.name));
}

/** Each operation of a file as a client sends it: followed by the fragments it spreads, each once, as first spread. */
function printedWithFragments(file: string): string[] {
  const { definitions } = parse(fs.readFileSync(file, "utf8"));
  const fragments = new Map(
    definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const spreadIn = (node: ASTNode, seen: Set<string>): FragmentDefinitionNode[] => {
    const used: FragmentDefinitionNode[] = [];
    visit(node, {
      FragmentSpread(spread) {
        if (seen.has(spread.name.value)) return;
        seen.add(spread.name.value);
        const fragment = fragments.get(spread.name.value)!;
        used.push(fragment, ...spreadIn(fragment, seen));
      },
    });
    return used;
  };
  return operationsOf(file).map((operation) =>
    print({ kind: Kind.DOCUMENT, definitions: [operation, ...spreadIn(operation, new Set())] }),
  );
}

const isDocument = (value: unknown): value is DocumentNode =>
  typeof value === "object" && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;

describe("the gateway's manifest", () => {
  it("lists the contract's Viewer under sha256(print(parse(text))), with the printed text as its document", () => {
    const text = contractOperation("Viewer");
    const hash = sha256(print(parse(text)));
    expect(hash).toBe(sha256("query Viewer {\n  viewer {\n    id\n    name\n    accountType\n  }\n}"));
    expect(manifest[hash]).toBe("query Viewer {\n  viewer {\n    id\n    name\n    accountType\n  }\n}");
  });

  it("holds exactly the contract's operations, the example clients' and the playground's first tab", () => {
    const files = [
      path.join(ROOT, "..", "shared", "contract", "operations.graphql"),
      ...fs
        .readdirSync(path.join(ROOT, "examples", "operations"))
        .map((name) => path.join(ROOT, "examples", "operations", name)),
      path.join(ROOT, "playground", "src", "default-query.graphql"),
    ];
    const own = new Set(files.flatMap(operationsOf).map((operation) => print(operation)));
    expect(own.size).toBe(28);
    // Each client example (examples/<client>/) adds its operations twice: as graphql-js prints them with their
    // fragments, and under the ids its client preset wrote to persisted-documents.json (the preset's own print).
    const clients = new Map<string, string>();
    for (const folder of clientExampleFolders()) {
      for (const text of printedWithFragments(path.join(folder, "operations.graphql"))) clients.set(sha256(text), text);
      const persisted = JSON.parse(fs.readFileSync(path.join(folder, "generated", "persisted-documents.json"), "utf8"));
      for (const [id, text] of Object.entries(persisted as Record<string, string>)) {
        expect(id).toBe(`sha256:${sha256(text)}`);
        clients.set(sha256(text), text);
      }
    }
    expect(Object.values(manifest).sort()).toEqual([...new Set([...own, ...clients.values()])].sort());
    for (const [hash, text] of clients) expect(manifest[hash]).toBe(text);
  });

  it("hashes what the codegen documents print to: what the example client and the tests send", () => {
    const contractNames = new Set(
      operationsOf(path.join(ROOT, "..", "shared", "contract", "operations.graphql")).map(
        (operation) => operation.name!.value,
      ),
    );
    const contractDocuments = Object.entries(testDocuments).filter(
      ([name, value]) => isDocument(value) && contractNames.has(name.replace(/Document$/, "")),
    );
    const sent = [...contractDocuments.map(([, value]) => value), ...Object.values(exampleDocuments)]
      .filter(isDocument)
      .map((document) => print(document));
    expect(sent).toHaveLength(28);
    for (const text of sent) expect(manifest[sha256(text)]).toBe(text);
  });

  it("holds the playground's first tab as the editor shows it, comments and all", () => {
    const tab = fs.readFileSync(path.join(ROOT, "playground", "src", "default-query.graphql"), "utf8");
    expect(tab).toMatch(/^# Talent Dashboard/);
    expect(manifest[sha256(print(parse(tab)))]).toBe(print(parse(tab)));
  });
});

describe("the TRUSTED_DOCUMENTS setting", () => {
  const env = { JWT_SECRET: "x".repeat(32) };

  it("is require in production and off otherwise", () => {
    expect(loadConfig({ ...env, NODE_ENV: "production" }).trustedDocuments.policy).toBe("require");
    expect(loadConfig({ ...env, NODE_ENV: "development" }).trustedDocuments.policy).toBe("off");
    expect(loadConfig({ ...env, NODE_ENV: "test" }).trustedDocuments.policy).toBe("off");
    expect(loadConfig({ ...env, NODE_ENV: "production", TRUSTED_DOCUMENTS: "off" }).trustedDocuments.policy).toBe(
      "off",
    );
  });

  it.each(["on", "REQUIRE", "true"])("refuses %s, naming the variable", (value) => {
    expect(() => loadConfig({ TRUSTED_DOCUMENTS: value })).toThrow(
      new ConfigError(`TRUSTED_DOCUMENTS must be require or off, got '${value}'`),
    );
  });

  it("reads TRUSTED_DOCUMENTS_MANIFESTS as a comma-separated list of paths", () => {
    expect(loadConfig({ TRUSTED_DOCUMENTS_MANIFESTS: " a.json, ,b/c.json " }).trustedDocuments.extraManifests).toEqual([
      "a.json",
      "b/c.json",
    ]);
  });
});

describe("an extra manifest", () => {
  let dir: string;
  beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "manifests-"))));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, contents: unknown) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, typeof contents === "string" ? contents : JSON.stringify(contents));
    return file;
  };
  const body = "query Partner { viewer { id } }";

  it("is found by its ids and by the printed form of its documents", () => {
    const file = write("good.json", { [sha256(body)]: body });
    const documents = loadTrustedDocuments([file]);
    expect(documents.byId.get(sha256(body))).toBe(body);
    expect(documents.byPrintedHash.get(sha256(print(parse(body))))).toBe(body);
  });

  it.each([
    [
      "an id that is not the SHA-256 of its body",
      { [sha256("other")]: body },
      "has entry '%ID', which is not the SHA-256 of its body",
    ],
    [
      "an Apollo entry whose id is wrong",
      {
        format: "apollo-persisted-query-manifest",
        version: 1,
        operations: [{ id: sha256("other"), body, name: "Partner", type: "query" }],
      },
      "has entry '%ID', which is not the SHA-256 of its body",
    ],
    [
      "a body that does not parse",
      { [sha256("query {")]: "query {" },
      `has entry '${sha256("query {")}', which does not parse`,
    ],
    ["another format", { format: "relay", version: 1, operations: [] }, "has format 'relay' version '1'"],
    ["a list", [body], "is not a JSON object"],
    ["text that is not JSON", "{ not json", "cannot be read as JSON"],
  ])("stops start-up when it has %s, naming the file", async (label, contents, message) => {
    const file = write(`${label.replace(/\W+/g, "-")}.json`, contents);
    const expected = `Trusted documents manifest ${file} ${message.replace("%ID", sha256("other"))}`;
    expect(() => loadTrustedDocuments([file])).toThrow(ConfigError);
    expect(() => loadTrustedDocuments([file])).toThrow(expected);
    const app = createApp(
      testConfig(
        { kind: "sqlite", path: path.join(dir, "never-opened.sqlite") },
        { TRUSTED_DOCUMENTS_MANIFESTS: file },
      ),
      { logger: createMemoryLogger() },
    );
    await expect(app.start()).rejects.toThrow(expected);
    expect(fs.existsSync(path.join(dir, "never-opened.sqlite"))).toBe(false);
  });

  it("stops start-up when the file does not exist", () => {
    const file = path.join(dir, "missing.json");
    expect(() => loadTrustedDocuments([file])).toThrow(`Trusted documents manifest ${file} cannot be read as JSON`);
  });
});
