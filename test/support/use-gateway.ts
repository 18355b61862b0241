import type { App, AppDependencies } from "../../src/app";
import { fixtures, type Fixtures } from "./fixtures";
import { startTestApp, testConfig } from "./test-app";
import { createTestDatabase, type TestDatabase } from "./test-database";

export interface GatewayUnderTest {
  readonly app: App;
  readonly fixtures: Fixtures;
  readonly logger: Awaited<ReturnType<typeof startTestApp>>["logger"];
}

/**
 * Registers beforeAll/afterAll hooks that start a real gateway on a fresh
 * database of its own (the engine under test) and tear both down.
 */
export function useGateway(
  options: Pick<AppDependencies, "databaseLogger" | "executionObserver" | "spanProcessor"> & {
    env?: Record<string, string>;
  } = {},
): GatewayUnderTest {
  let database: TestDatabase;
  let started: Awaited<ReturnType<typeof startTestApp>>;
  let rows: Fixtures;

  beforeAll(async () => {
    database = await createTestDatabase();
    started = await startTestApp(testConfig(database.config, options.env), {
      databaseLogger: options.databaseLogger,
      spanProcessor: options.spanProcessor,
      executionObserver: options.executionObserver,
    });
    rows = fixtures(started.app.db);
  });

  afterAll(async () => {
    await started?.app.stop();
    await database?.drop();
  });

  return {
    get app() {
      return started.app;
    },
    get fixtures() {
      return rows;
    },
    get logger() {
      return started.logger;
    },
  };
}
