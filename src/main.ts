import "reflect-metadata";
import { createApp } from "./app";
import { ConfigError, loadConfig, loadLogConfigLeniently, type Config } from "./config";
import { DEMO_CASTING_DIRECTOR, DEMO_TALENT } from "./seed/demo-accounts";
import { createLogger, type Logger } from "./logger";

/* Reads the config, starts the gateway, and stops it cleanly on SIGTERM/SIGINT. */
async function main(config: Config, logger: Logger): Promise<void> {
  const app = createApp(config, { logger });
  await app.start();

  const databaseLabel =
    config.database.kind === "sqlite" ? `embedded SQLite at ${config.database.path}` : "MySQL/MariaDB";
  logger.info(
    { url: app.url, database: config.database.kind },
    `Talent Dashboard gateway ready at ${app.url} (${databaseLabel})`,
  );
  if (config.database.kind === "sqlite") {
    logger.info(`demo talent: ${DEMO_TALENT.email} / ${DEMO_TALENT.password}`);
    logger.info(`demo casting director: ${DEMO_CASTING_DIRECTOR.email} / ${DEMO_CASTING_DIRECTOR.password}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal} received: shutting down`);
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.fatal({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  // No config, so no LOG_FORMAT from it: the log settings are read on their own, leniently.
  const logger = createLogger(loadLogConfigLeniently());
  if (error instanceof ConfigError) logger.fatal(`configuration error: ${error.message}`);
  else logger.fatal({ err: error }, "could not read the configuration");
  process.exit(1);
}
const logger = createLogger(config.log);
main(config, logger).catch((error: unknown) => {
  logger.fatal({ err: error }, "the gateway failed to start");
  process.exit(1);
});
