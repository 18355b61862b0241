/*
 * The ceiling for `npm run bench:dashboard`: the least a server can do to answer
 * the contract's Dashboard operation. Node's http and a mysql2 pool, no GraphQL,
 * no ORM: it verifies the bearer token with the gateway's checks (HS256 only, the
 * issuer, a talent's id; with a key object made once), runs the
 * statements the gateway runs (dashboard-statements.ts) with the same parameters
 * and the same concurrency, and answers the gateway's JSON.
 *
 * Run as its own process: DATABASE_URL, JWT_SECRET, PORT (0 picks one); prints
 * `baseline ready at <url>` on stdout once it listens.
 */
import { createSecretKey } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import jwt from "jsonwebtoken";
import mysql from "mysql2/promise";
import { createCursorSigner, dashboardData, type DashboardRows } from "./dashboard-json";
import {
  APPLICATIONS_PAGE_SQL,
  auditionRequestsSql,
  MESSAGES_PAGE_SQL,
  RECENT_VIEWS_SQL,
  SUMMARY_SQL,
} from "./dashboard-statements";

type Row = Record<string, unknown>;

const databaseUrl = new URL(required("DATABASE_URL"));
const secret = required("JWT_SECRET");
const sign = createCursorSigner(secret);
// A key object made once: given the secret as a string, jsonwebtoken first tries (and fails) to
// parse it as a PEM public key on every call, which costs more than the HMAC itself.
const verificationKey = createSecretKey(Buffer.from(secret, "utf8"));

// The gateway's pool: the same size, time zone and number handling (src/db/data-source.ts).
const pool = mysql.createPool({
  host: databaseUrl.hostname,
  port: databaseUrl.port ? Number(databaseUrl.port) : 3306,
  user: decodeURIComponent(databaseUrl.username),
  password: decodeURIComponent(databaseUrl.password),
  database: decodeURIComponent(databaseUrl.pathname.slice(1)),
  connectionLimit: 10,
  timezone: "Z",
  charset: "utf8mb4_unicode_ci",
  supportBigNumbers: true,
  bigNumberStrings: false,
});

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

async function rowsOf(sql: string, values: unknown[]): Promise<Row[]> {
  const [rows] = await pool.query(sql, values);
  return rows as Row[];
}

/** The talent behind `Authorization: Bearer <token>`, checked as src/auth/tokens.ts does; null when unusable. */
function talentIdOf(authorization: string | undefined): number | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  if (!match) return null;
  try {
    const claims = jwt.verify(match[1]!, verificationKey, {
      algorithms: ["HS256"],
      issuer: "talent-dashboard",
    }) as jwt.JwtPayload;
    const id = Number(claims.sub);
    return Number.isSafeInteger(id) && id > 0 && claims.acct === "TALENT" && claims.exp ? id : null;
  } catch {
    return null;
  }
}

/**
 * The statements in the gateway's order of dependency: the three lists and the
 * summary at once; then, from the applications page, its audition requests.
 */
async function loadDashboard(talentId: number, now: Date): Promise<DashboardRows | null> {
  const messagesPromise = rowsOf(MESSAGES_PAGE_SQL, [talentId, 6]);
  const summaryPromise = rowsOf(SUMMARY_SQL, [now, now, now, now, now, now, now, talentId, talentId, talentId]);
  const viewsPromise = rowsOf(RECENT_VIEWS_SQL, [talentId, 5]);
  const applications = await rowsOf(APPLICATIONS_PAGE_SQL, [talentId, 11]);
  const applicationIds = applications.slice(0, 10).map((row) => Number(row.a_id));
  const [auditionRequests, messages, [summary], views] = await Promise.all([
    applicationIds.length > 0 ? rowsOf(auditionRequestsSql(applicationIds), applicationIds) : [],
    messagesPromise,
    summaryPromise,
    viewsPromise,
  ]);
  if (!summary) return null;
  return { summary, applications, messages, views, auditionRequests };
}

function send(response: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(json),
  });
  response.end(json);
}

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    void (async () => {
      if (request.method !== "POST") return send(response, 405, { errors: [{ message: "POST only" }] });
      // Read like any JSON endpoint would, though only the Dashboard operation is ever sent here.
      JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
      const talentId = talentIdOf(request.headers.authorization);
      if (talentId === null) return send(response, 401, { errors: [{ message: "The token is invalid" }] });
      const now = new Date();
      const rows = await loadDashboard(talentId, now);
      if (!rows)
        return send(response, 200, { errors: [{ message: "The signed-in account no longer exists" }], data: null });
      send(response, 200, { data: dashboardData(talentId, rows, now, sign) });
    })().catch((error: unknown) => {
      console.error(error);
      send(response, 500, { errors: [{ message: "Internal server error" }] });
    });
  });
});

server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  console.log(`baseline ready at http://127.0.0.1:${port}/graphql`);
});

process.on("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
});
