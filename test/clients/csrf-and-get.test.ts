import { print } from "graphql";
import { User } from "../../entities/user.entity";
import { MessagesDocument, SignUpDocument, ViewerDocument } from "../generated/operations";
import { useGateway } from "../support/use-gateway";

/*
 * CSRF prevention with bearer-only authentication (src/http/csrf-prevention.ts):
 * a GET that carries `Authorization`, as urql's and graphql-request's defaults
 * send a signed-in app's short queries, runs; every request a cross-site page
 * can make without a CORS preflight is still refused before anything runs.
 */

const gateway = useGateway();

const getUrl = (query: string, variables?: Record<string, unknown>) => {
  const url = new URL(gateway.app.url);
  url.searchParams.set("query", query);
  if (variables) url.searchParams.set("variables", JSON.stringify(variables));
  return url;
};
const CSRF_REFUSAL = /blocked as a potential Cross-Site Request Forgery/;

describe("GET queries and CSRF prevention", () => {
  it("runs a signed-in GET without a content-type, as urql and graphql-request send it", async () => {
    const talent = await gateway.fixtures.talent("Gina Get");
    // urql's GET: the operation in the query string, `accept` set, no content-type.
    const response = await fetch(getUrl(print(MessagesDocument), { first: 5 }), {
      headers: {
        authorization: `Bearer ${talent.token}`,
        accept: "application/graphql-response+json, application/json",
      },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { dashboard: { messages: { totalCount: number } } } };
    expect(body.data?.dashboard.messages.totalCount).toBe(0);
  });

  it("still refuses a GET with no authorization and no preflight header", async () => {
    const response = await fetch(getUrl(print(ViewerDocument)));
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(CSRF_REFUSAL);
  });

  it("refuses an empty authorization header as if there were none", async () => {
    const response = await fetch(getUrl(print(ViewerDocument)), { headers: { authorization: "" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(CSRF_REFUSAL);
  });

  it("lets Apollo's own preflight headers through, anonymous or not", async () => {
    for (const header of ["x-apollo-operation-name", "apollo-require-preflight"]) {
      const response = await fetch(getUrl(print(ViewerDocument)), { headers: { [header]: "Viewer" } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { viewer: null } });
    }
  });

  it("never runs a mutation over GET, even signed in", async () => {
    const talent = await gateway.fixtures.talent("Mo Mutate");
    const response = await fetch(getUrl("mutation { markRolesMatchedSeen { newRolesMatched } }"), {
      headers: { authorization: `Bearer ${talent.token}` },
    });
    expect(response.status).toBe(405);
  });

  it.each([
    ["text/plain", (body: string) => body],
    ["application/x-www-form-urlencoded", (body: string) => new URLSearchParams({ body }).toString()],
    [
      "multipart/form-data; boundary=x",
      (body: string) => `--x\r\nContent-Disposition: form-data; name="b"\r\n\r\n${body}\r\n--x--\r\n`,
    ],
    ["TEXT/PLAIN; charset=utf-8", (body: string) => body],
  ])(
    "refuses a signUp posted as %s, as a form on another site would send it: no account is made",
    async (type, encode) => {
      const email = `csrf-${Date.now()}-${Math.random().toString(36).slice(2)}@talent.test`;
      const body = JSON.stringify({
        query: print(SignUpDocument),
        variables: { input: { email, password: "a-password-long-enough", name: "Forged", accountType: "TALENT" } },
      });
      const response = await fetch(gateway.app.url, {
        method: "POST",
        headers: { "content-type": type },
        body: encode(body),
      });
      expect(response.status).toBe(400);
      expect(await gateway.app.db.getRepository(User).countBy({ email })).toBe(0);
    },
  );
});
