import express, { Router, type Request, type Response } from "express";
import { findPlaygroundAssets, type PlaygroundAssets } from "./playground-assets";

/** Where the bundle's files are served; playground/build.js writes the page with these URLs. */
export const PLAYGROUND_ASSETS_PATH = "/graphql/playground";

/**
 * Only the gateway's own files: no CDN, no remote origin. 'self' covers the
 * same-origin ws:// or wss:// of subscriptions; data: is GraphiQL's inlined
 * fonts and icons; 'unsafe-inline' styles because GraphiQL's dialogs inject
 * <style> elements (scripts stay 'self' only).
 */
export const PLAYGROUND_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

const ONE_YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * The GraphQL playground (GraphiQL), served from the gateway itself: GET
 * /graphql from a browser (Accept prefers text/html) gets the IDE, its bundle
 * comes from PLAYGROUND_ASSETS_PATH; every other request (POST, or GET asking
 * for JSON) falls through to the GraphQL endpoint.
 */
export function createPlaygroundRouter(assets: PlaygroundAssets = findPlaygroundAssets()): Router {
  const router = Router();

  router.get("/graphql", (req, res, next) => {
    // The same URL answers HTML or JSON by Accept, so caches must keep them apart.
    res.vary("Accept");
    if (!prefersHtml(req)) return next();
    sendPage(res, assets);
  });

  router.use(
    PLAYGROUND_ASSETS_PATH,
    express.static(assets.directory, {
      index: false,
      fallthrough: false,
      // The file names carry a hash of their content, so they never change.
      immutable: true,
      maxAge: ONE_YEAR_MS,
      setHeaders: (res) => res.setHeader("X-Content-Type-Options", "nosniff"),
    }),
  );

  return router;
}

function prefersHtml(req: Request): boolean {
  return Boolean(req.accepts("html")) && req.accepts(["application/json", "html"]) === "html";
}

function sendPage(res: Response, assets: PlaygroundAssets): void {
  const page = assets.page();
  if (page === null) {
    res
      .status(503)
      .type("text")
      .send("The playground is not built: run `npm run build:playground` (npm run build does it too).");
    return;
  }
  res.set({
    "Content-Security-Policy": PLAYGROUND_CONTENT_SECURITY_POLICY,
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
  res.type("html").send(page);
}
