/* `npm run schema:emit`: writes schema/schema.graphql from the resolver classes. */
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { buildGatewaySchema } from "./build-schema";
import { printGatewaySchema, SCHEMA_FILE } from "./print-schema";

async function main(): Promise<void> {
  const file = path.resolve(SCHEMA_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, printGatewaySchema(await buildGatewaySchema()));
  console.log(`wrote ${SCHEMA_FILE}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
