import { Router } from "express";
import type { DataSource } from "typeorm";

const READINESS_TIMEOUT_MS = 2_000;

/**
 * `/health/live` answers while the process runs; `/health/ready` only while
 * the database answers and the app is not shutting down, so a load balancer
 * stops routing here before requests would fail.
 */
export function createHealthRouter(db: DataSource, isShuttingDown: () => boolean): Router {
  const router = Router();
  router.get("/health/live", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/health/ready", async (_req, res) => {
    if (isShuttingDown()) {
      res.status(503).json({ status: "shutting down" });
      return;
    }
    try {
      await withTimeout(db.query("SELECT 1"), READINESS_TIMEOUT_MS);
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({ status: "database unavailable" });
    }
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
