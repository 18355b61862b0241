import fs from "node:fs";
import path from "node:path";
import { Kind, parse, print } from "graphql";
import { REPO_ROOT } from "./processes";

/** The contract's operations file, beside the repository (../shared/contract). */
export const CONTRACT_OPERATIONS = path.join(REPO_ROOT, "..", "shared", "contract", "operations.graphql");

/** The text of one named operation of the contract, e.g. `Dashboard`. */
export function contractOperation(name: string): string {
  const document = parse(fs.readFileSync(CONTRACT_OPERATIONS, "utf8"));
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && definition.name?.value === name,
  );
  if (!operation) throw new Error(`The contract has no operation named ${name} (${CONTRACT_OPERATIONS})`);
  return print(operation);
}

/** The request body every dashboard benchmark sends. */
export function dashboardRequestBody(): string {
  return JSON.stringify({ query: contractOperation("Dashboard"), operationName: "Dashboard" });
}

/** What makes a Dashboard response a success: 200, no `errors`, `data.dashboard` present. */
export function dashboardFailure(status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}: ${body.slice(0, 200)}`;
  let parsed: { data?: { dashboard?: unknown } | null; errors?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return `not JSON: ${body.slice(0, 200)}`;
  }
  if (parsed.errors !== undefined) return `errors: ${JSON.stringify(parsed.errors).slice(0, 300)}`;
  if (!parsed.data?.dashboard) return `no data.dashboard: ${body.slice(0, 200)}`;
  return null;
}
