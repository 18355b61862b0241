import { MessagesBothWaysDocument } from "../generated/operations";
import { request } from "../support/graphql-http";
import { useGateway } from "../support/use-gateway";

/*
 * PageInfo has Relay's four fields, as Relay, Apollo's relayStylePagination
 * and urql's graphcache expect. Paging is forward only: hasPreviousPage says
 * whether the page was asked for after a cursor.
 */

const gateway = useGateway();

describe("PageInfo", () => {
  it("gives the first edge's cursor and whether the page came after a cursor", async () => {
    const talent = await gateway.fixtures.talent("Paula Pager");
    const director = await gateway.fixtures.director();
    for (let minutes = 5; minutes >= 1; minutes -= 1) {
      await gateway.fixtures.message(director.user.id, talent.user.id, {
        sentAt: new Date(Date.now() - minutes * 60_000),
      });
    }
    const page = async (after: string | null) => {
      const { data, errors } = await request(
        gateway.app.url,
        MessagesBothWaysDocument,
        { first: 2, after },
        { token: talent.token },
      );
      expect(errors).toBeUndefined();
      return data!.dashboard.messages;
    };

    const first = await page(null);
    expect(first.pageInfo).toEqual({
      hasPreviousPage: false,
      hasNextPage: true,
      startCursor: first.edges[0]!.cursor,
      endCursor: first.edges[1]!.cursor,
    });

    const second = await page(first.pageInfo.endCursor);
    expect(second.pageInfo).toEqual({
      hasPreviousPage: true,
      hasNextPage: true,
      startCursor: second.edges[0]!.cursor,
      endCursor: second.edges[1]!.cursor,
    });
    expect(second.edges[0]!.node.id).not.toBe(first.edges[1]!.node.id);

    const last = await page(second.pageInfo.endCursor);
    expect(last.edges).toHaveLength(1);
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });

    const beyond = await page(last.pageInfo.endCursor);
    expect(beyond).toEqual({
      edges: [],
      pageInfo: { hasPreviousPage: true, hasNextPage: false, startCursor: null, endCursor: null },
    });
  });

  it("an empty list has neither cursor nor pages either way", async () => {
    const talent = await gateway.fixtures.talent("Nobody Wrote");
    const { data } = await request(gateway.app.url, MessagesBothWaysDocument, { first: 5 }, { token: talent.token });
    expect(data!.dashboard.messages.pageInfo).toEqual({
      hasPreviousPage: false,
      hasNextPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
