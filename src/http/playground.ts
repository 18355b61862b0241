import { Router } from "express";

/**
 * The GraphQL playground, served from the gateway itself (no CDN): GET
 * /graphql from a browser (Accept: text/html) gets the IDE; every other request
 * falls through to the GraphQL endpoint.
 */
export function createPlaygroundRouter(): Router {
  const router = Router();
  router.get("/graphql", (req, res, next) => {
    if (!req.accepts("html") || req.accepts(["application/json", "html"]) === "application/json") return next();
    res.type("html").send("<!doctype html><title>Playground</title><p>The playground is being built.</p>");
  });
  return router;
}
