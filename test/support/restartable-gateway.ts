import type { App } from "../../src/app";
import type { Config } from "../../src/config";
import { fixtures, type Fixtures } from "./fixtures";
import { startTestApp, testConfig } from "./test-app";
import { createTestDatabase, type TestDatabase } from "./test-database";

/*
 * A real gateway that a test can take down and bring back on the same port and
 * database, as a deploy does: `down()` is the gateway's own shutdown (websockets
 * closed 1012, HTTP drained), and until `up()` the port refuses connections,
 * so clients meet both a restart and downtime. The client examples' tests use it
 * to prove that each client recovers by itself.
 */

export interface RestartableGateway {
  /** The GraphQL endpoint; the same before and after a restart. */
  readonly url: string;
  /** The running app (throws while down). */
  readonly app: App;
  readonly fixtures: Fixtures;
  /** Stops the gateway as SIGTERM would; the port is closed until `up()`. */
  down(): Promise<void>;
  /** Starts a new gateway on the same port and database. */
  up(): Promise<void>;
}

/** Registers beforeAll/afterAll hooks for a restartable gateway on a fresh database of its own. */
export function useRestartableGateway(options: { env?: Record<string, string> } = {}): RestartableGateway {
  let database: TestDatabase;
  let config: Config;
  let running: App | null = null;
  let url = "";
  let rows: Fixtures;

  const start = async () => {
    running = (await startTestApp(config)).app;
    url = running.url;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    config = testConfig(database.config, options.env);
    await start();
    // Later starts listen on the port the first one was given.
    config = { ...config, port: Number(new URL(url).port) };
    rows = fixtures(database.dataSource);
  });

  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  return {
    get url() {
      return url;
    },
    get app() {
      if (!running) throw new Error("the gateway is down");
      return running;
    },
    get fixtures() {
      return rows;
    },
    async down() {
      const app = running;
      running = null;
      await app?.stop();
    },
    async up() {
      if (running) throw new Error("the gateway is already up");
      await start();
    },
  };
}
