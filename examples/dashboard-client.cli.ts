import { parseArgs } from "node:util";
import { runDashboardClient } from "./dashboard-client";

/*
 * npm run example -- [--url http://localhost:4000/graphql] [--email …] [--password …]
 * Defaults: GATEWAY_URL, TALENT_EMAIL and TALENT_PASSWORD from the environment,
 * else the local gateway and the demo talent that `npm start` seeds.
 */

export const DEFAULTS = {
  url: "http://localhost:4000/graphql",
  email: "talent@demo.test",
  password: "demo-password",
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { url: { type: "string" }, email: { type: "string" }, password: { type: "string" } },
  });
  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  await runDashboardClient({
    url: values.url ?? process.env.GATEWAY_URL ?? DEFAULTS.url,
    email: values.email ?? process.env.TALENT_EMAIL ?? DEFAULTS.email,
    password: values.password ?? process.env.TALENT_PASSWORD ?? DEFAULTS.password,
    signal: stop.signal,
  });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
