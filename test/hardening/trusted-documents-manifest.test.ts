import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kind, parse, print, separateOperations, type DocumentNode, type OperationDefinitionNode } from "graphql";
import * as exampleDocuments from "../../examples/generated/operations";
import * as widgetDocuments from "../../examples/live-widget/generated/operations";
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

/*
 * The client examples (examples/<client>/, issue 13): the manifest merges each one's
 * operations.graphql, every operation printed with the fragments it spreads, and the
 * persisted-documents.json its codegen client preset writes.
 */
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
/** What codegen's client preset wrote for an example; the live widget uses the plain typed-document plugins and has none. */
const persistedDocumentsOf = (folder: string): Record<string, string> => {
  const file = path.join(folder, "generated", "persisted-documents.json");
  return fs.existsSync(file) ? readJson(file) : {};
};
const clientExamples = fs
  .readdirSync(path.join(ROOT, "examples"), { withFileTypes: true })
  .filter(
    (entry) => entry.isDirectory() && fs.existsSync(path.join(ROOT, "examples", entry.name, "operations.graphql")),
  )
  .map((entry) => path.join(ROOT, "examples", entry.name));
const clientExampleEntries = new Set(
  clientExamples.flatMap((folder) => [
    ...Object.values(separateOperations(parse(fs.readFileSync(path.join(folder, "operations.graphql"), "utf8")))).map(
      (document) => print(document),
    ),
    ...Object.values(persistedDocumentsOf(folder)),
  ]),
);

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
    const expected = new Set(files.flatMap(operationsOf).map((operation) => print(operation)));
    const ownEntries = Object.values(manifest).filter((document) => !clientExampleEntries.has(document));
    expect(ownEntries.sort()).toEqual([...expected].sort());
    expect(ownEntries).toHaveLength(28);
  });

  it("holds each client example's operations.graphql, printed, and its codegen persisted documents as they are", () => {
    expect(clientExamples.length).toBeGreaterThan(0);
    expect(
      Object.values(manifest)
        .filter((document) => clientExampleEntries.has(document))
        .sort(),
    ).toEqual([...clientExampleEntries].sort());
    for (const folder of clientExamples) {
      const persisted = persistedDocumentsOf(folder);
      for (const [id, document] of Object.entries(persisted)) {
        expect(manifest[id.replace(/^sha256:/, "")]).toBe(document);
      }
    }
  });

  it("hashes what the codegen documents print to: what the example clients and the tests send", () => {
    const contractNames = new Set(
      operationsOf(path.join(ROOT, "..", "shared", "contract", "operations.graphql")).map(
        (operation) => operation.name!.value,
      ),
    );
    const contractDocuments = Object.entries(testDocuments).filter(
      ([name, value]) => isDocument(value) && contractNames.has(name.replace(/Document$/, "")),
    );
    const sent = [
      ...contractDocuments.map(([, value]) => value),
      ...Object.values(exampleDocuments),
      ...Object.values(widgetDocuments),
    ]
      .filter(isDocument)
      .map((document) => print(document));
    expect(sent).toHaveLength(33);
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
    expect(documents.byText.get(print(parse(body)))).toBe(body);
    expect(documents.byText.get(body)).toBe(body);
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
