import fs from "node:fs";
import path from "node:path";
import { buildGatewaySchema } from "../src/schema/build-schema";
import { printGatewaySchema, SCHEMA_FILE } from "../src/schema/print-schema";

describe("the committed schema", () => {
  it("is exactly what the code emits (run `npm run schema:emit` when this fails)", async () => {
    const committed = fs.readFileSync(path.join(__dirname, "..", SCHEMA_FILE), "utf8");
    expect(printGatewaySchema(await buildGatewaySchema())).toBe(committed);
  });
});
