import { CastingWorkspaceDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

/** The default limits: what a client gets without raising MAX_QUERY_COST or MAX_QUERY_DEPTH. */
const gateway = useGateway();

describe("the workspace overview under the default limits", () => {
  it("is accepted with its page sizes (5 productions, 3 submissions per role, headshots at depth 11)", async () => {
    const director = await gateway.fixtures.director();
    const response = await request(gateway.app.url, CastingWorkspaceDocument, {}, { token: director.token });
    expect(response.errors).toBeUndefined();
    expect(response.data!.castingWorkspace.productions.totalCount).toBe(0);
  });

  it("is refused up front, before any statement, when its pages would make it too costly", async () => {
    const director = await gateway.fixtures.director();
    const response = await request(
      gateway.app.url,
      CastingWorkspaceDocument,
      { productions: 10, applications: 20 },
      { token: director.token },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe("OPERATION_LIMIT_EXCEEDED");
    expect(response.errors?.[0]?.message).toMatch(/^The operation's estimated cost is \d+; the limit is 5000\./);
  });
});
