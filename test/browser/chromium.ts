import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (`apt-get install chromium`): playwright-core never downloads a browser. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

/**
 * Headless Chromium for the browser tests. --no-sandbox because CI runs as
 * root; the background-networking flags keep Chromium from dialling out
 * (this machine has no internet, and the tests must not depend on it).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
