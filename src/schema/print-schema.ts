import { printSchema, type GraphQLSchema } from "graphql";

export const SCHEMA_FILE = "schema/schema.graphql";

/** The committed SDL: a header that says where it comes from, then the schema. */
export function printGatewaySchema(schema: GraphQLSchema): string {
  return `# Emitted from the code by \`npm run schema:emit\`; do not edit by hand.\n\n${printSchema(schema)}\n`;
}
