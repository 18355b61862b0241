import type { DataSource } from "typeorm";
import type { Logger } from "../logger";
import { hasAnyUser } from "./existing-data";
import { seedDemoData } from "./seed";

/** The size of the data set the gateway seeds at start-up, and `npm run seed`'s default. */
export const DEFAULT_DEMO_TALENTS = 50;

/**
 * Seeds the demo data set when nobody has signed up yet, so a fresh embedded
 * database opens on a populated dashboard. Returns whether it seeded.
 */
export async function seedDemoDataIfEmpty(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if (await hasAnyUser(dataSource)) return false;
  const counts = await seedDemoData(dataSource, {
    talents: DEFAULT_DEMO_TALENTS,
    log: (line) => logger.info(`seed: ${line}`),
  });
  logger.info({ rows: counts }, "seeded the demo data into the empty database");
  return true;
}
