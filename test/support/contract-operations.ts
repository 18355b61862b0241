import fs from "node:fs";
import path from "node:path";
import { parse, print, type OperationDefinitionNode } from "graphql";

const CONTRACT_OPERATIONS = path.join(__dirname, "..", "..", "..", "shared", "contract", "operations.graphql");

/** The text of one operation from the contract's operations.graphql, exactly as clients send it. */
export function contractOperation(name: string): string {
  const document = parse(fs.readFileSync(CONTRACT_OPERATIONS, "utf8"));
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === "OperationDefinition" && definition.name?.value === name,
  );
  if (!operation) throw new Error(`The contract has no operation named ${name}`);
  return print(operation);
}
