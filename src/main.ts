import "reflect-metadata";
import { createApp } from "./app";
import { ConfigError, loadConfig } from "./config";
import { DEMO_CASTING_DIRECTOR, DEMO_TALENT } from "./seed/demo-accounts";
import { consoleLogger } from "./logger";

/* Reads the config, starts the gateway, and stops it cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = createApp(config, { logger: consoleLogger });
  await app.start();

  const databaseLabel =
    config.database.kind === "sqlite" ? `embedded SQLite at ${config.database.path}` : "MySQL/MariaDB";
  consoleLogger.info(`Talent Dashboard gateway ready at ${app.url} (${databaseLabel})`);
  if (config.database.kind === "sqlite") {
    consoleLogger.info(`demo talent: ${DEMO_TALENT.email} / ${DEMO_TALENT.password}`);
    consoleLogger.info(`demo casting director: ${DEMO_CASTING_DIRECTOR.email} / ${DEMO_CASTING_DIRECTOR.password}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    consoleLogger.info(`${signal} received: shutting down`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        consoleLogger.error("shutdown failed", { error });
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    consoleLogger.error(`configuration error: ${error.message}`);
  } else {
    consoleLogger.error("the gateway failed to start", { error });
  }
  process.exit(1);
});
