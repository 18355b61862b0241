import { Field, Int, ObjectType } from "type-graphql";
import type { ClassType } from "type-graphql";

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;

  @Field({ description: "Whether this page was asked for `after` a cursor (forward paging only)." })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null on an empty page." })
  startCursor: string | null;
}

/**
 * The contract's `XEdge`/`XConnection` pair for a node type. `totalCount` is
 * read lazily from the page object, so only queries that select it pay for it.
 */
export function connectionTypes<Node extends object>(name: string, nodeType: ClassType<Node>) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class Edge {
    @Field()
    cursor: string;

    @Field(() => nodeType)
    node: Node;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class Connection {
    // Not simple: the page's value is a getter that may return a promise, which graphql-jit (compiled
    // execution of trusted documents) awaits only from a resolver; it reads other fields as plain values.
    @Field(() => Int, { simple: false })
    totalCount: number;

    @Field(() => [Edge])
    edges: Edge[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }

  return { Edge, Connection };
}
