import type { ApolloServerPlugin } from "@apollo/server";
import type { Context } from "../context";
import type { Logger } from "../logger";

/**
 * Apollo's formatError is given an error but not its request, and masking logs the
 * unexpected ones (src/format-error.ts). This plugin notes each error's request logger as
 * Apollo meets it (didEncounterErrors runs before formatting), so that line carries the
 * request's id. An error met before any request hook (a context that cannot be made) is
 * logged with the app's logger.
 */
export function errorRequestLoggers(appLogger: Logger): {
  readonly plugin: ApolloServerPlugin<Context>;
  loggerOf(error: unknown): Logger;
} {
  const loggers = new WeakMap<object, Logger>();
  return {
    plugin: {
      async requestDidStart({ contextValue }) {
        return {
          async didEncounterErrors({ errors }) {
            for (const error of errors) loggers.set(error, contextValue.logger);
          },
        };
      },
    },
    loggerOf: (error) => (typeof error === "object" && error !== null && loggers.get(error)) || appLogger,
  };
}
