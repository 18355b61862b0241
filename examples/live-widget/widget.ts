import { createLiveCounts, type Counts, type LiveCounts, type LiveState } from "./live-counts";
import type { LatestItem } from "./live-items";
import { signIn } from "./sign-in";

/*
 * The page: a sign-in form, then the five At a Glance badges and the live
 * connection's state. The gateway's URL comes from the page's own URL
 * (`index.html#gateway=https://…/graphql`), else the local `npm start`.
 * The token lives in memory only: a reload signs out.
 */

const DEFAULT_GATEWAY_URL = "http://localhost:4000/graphql";
const COUNT_NAMES = [
  "newMessages",
  "newInvitations",
  "auditionRequests",
  "draftApplications",
  "newRolesMatched",
] as const satisfies ReadonlyArray<keyof Counts>;

function element<T extends HTMLElement>(selector: string, type: new () => T): T {
  const found = document.querySelector(selector);
  if (!(found instanceof type)) throw new Error(`The page has no ${type.name} matching ${selector}`);
  return found;
}

interface Badge {
  count: HTMLElement;
  label: HTMLElement;
  /** The label for 1 (`data-one`) and for any other number (the page's text). */
  one: string;
  other: string;
}

function badge(name: keyof Counts): Badge {
  const count = element(`[data-count="${name}"]`, HTMLElement);
  const label = count.parentElement?.querySelector<HTMLElement>(".label[data-one]");
  if (!label) throw new Error(`The ${name} badge has no label with data-one`);
  return { count, label, one: label.dataset.one!, other: label.textContent ?? "" };
}

const ui = {
  status: element("#status", HTMLElement),
  form: element("#sign-in", HTMLFormElement),
  gateway: element("#gateway", HTMLInputElement),
  email: element("#email", HTMLInputElement),
  password: element("#password", HTMLInputElement),
  submit: element("#sign-in button", HTMLButtonElement),
  formError: element("#sign-in-error", HTMLElement),
  glance: element("#glance", HTMLElement),
  viewerName: element("#viewer-name", HTMLElement),
  signOut: element("#sign-out", HTMLButtonElement),
  latest: element("#latest", HTMLOListElement),
  badges: Object.fromEntries(COUNT_NAMES.map((name) => [name, badge(name)])) as Record<keyof Counts, Badge>,
};

ui.gateway.value = new URLSearchParams(location.hash.slice(1)).get("gateway") ?? DEFAULT_GATEWAY_URL;

let token: string | null = null;
let live: LiveCounts | null = null;

function statusText(state: LiveState): string {
  switch (state.kind) {
    case "connecting":
      return "connecting…";
    case "live":
      return "live";
    case "reconnecting":
      return "reconnecting…";
    case "signed-out":
      return `signed out: ${state.reason}`;
    case "failed":
      return `disconnected: ${state.reason}`;
  }
}

function showState(state: LiveState): void {
  ui.status.textContent = statusText(state);
  ui.status.dataset.state = state.kind;
  // The numbers stay on screen while reconnecting, dimmed: they may be out of date.
  ui.glance.classList.toggle("stale", state.kind !== "live");
  if (state.kind === "signed-out") showSignIn();
}

function showCounts(counts: Counts): void {
  for (const name of COUNT_NAMES) {
    const { count, label, one, other } = ui.badges[name];
    const text = String(counts[name]);
    // Only what changed: each change is announced (aria-live), the rest is not read again.
    if (count.textContent !== text) count.textContent = text;
    const labelText = counts[name] === 1 ? one : other;
    if (label.textContent !== labelText) label.textContent = labelText;
  }
}

/** How many of the newest items the page lists. */
const LATEST_SHOWN = 5;

function showItem(item: LatestItem): void {
  const entry = document.createElement("li");
  entry.dataset.kind = item.kind;
  entry.textContent = item.text;
  ui.latest.prepend(entry);
  while (ui.latest.children.length > LATEST_SHOWN) ui.latest.lastElementChild!.remove();
}

function showSignIn(): void {
  live?.stop();
  live = null;
  token = null;
  ui.glance.hidden = true;
  ui.form.hidden = false;
  ui.password.value = "";
}

ui.form.addEventListener("submit", async (event) => {
  event.preventDefault();
  ui.formError.textContent = "";
  ui.submit.disabled = true;
  try {
    const gatewayUrl = ui.gateway.value.trim();
    const signedIn = await signIn(gatewayUrl, ui.email.value.trim(), ui.password.value);
    token = signedIn.token;
    ui.viewerName.textContent = signedIn.user.name;
    for (const name of COUNT_NAMES) ui.badges[name].count.textContent = "–";
    ui.latest.replaceChildren();
    ui.form.hidden = true;
    ui.glance.hidden = false;
    live = createLiveCounts({
      gatewayUrl,
      token: () => token,
      onCounts: showCounts,
      onItem: showItem,
      onState: showState,
    });
    await live.follow();
  } catch (error) {
    ui.formError.textContent = error instanceof Error ? error.message : String(error);
  } finally {
    ui.submit.disabled = false;
  }
});

ui.signOut.addEventListener("click", () => {
  showState({ kind: "signed-out", reason: "you signed out" });
  ui.email.focus();
});
