import { createGraphiQLFetcher, type Fetcher, type FetcherOpts, type FetcherParams } from "@graphiql/toolkit";
import { OperationTypeNode } from "graphql";
import { createClient, type Client, type ExecutionResult } from "graphql-ws";
import { selectOperation } from "./operation";

/** Where the gateway answers: GraphQL over HTTP, and graphql-ws on the same path. */
export interface PlaygroundEndpoint {
  readonly httpUrl: string;
  readonly webSocketUrl: string;
}

/** The endpoint of the page the playground was loaded from, ws:// or wss:// to match http(s). */
export function endpointOfPage(location: Location): PlaygroundEndpoint {
  const httpUrl = `${location.origin}${location.pathname.replace(/\/+$/, "")}`;
  return { httpUrl, webSocketUrl: httpUrl.replace(/^http/, "ws") };
}

/**
 * Queries and mutations go over HTTP POST (JSON) with the Headers tab's
 * headers; subscriptions go over graphql-ws. The gateway authenticates a
 * websocket once, from `connectionParams.authorization`, so the Headers tab's
 * Authorization becomes the connection's, and each distinct value gets a
 * client of its own: a new token opens a new connection instead of reusing the
 * old identity. (Clients are lazy: a socket is open only while a subscription runs.)
 */
export function createPlaygroundFetcher(endpoint: PlaygroundEndpoint): Fetcher {
  // Without a documentAST the toolkit's fetcher always goes over HTTP; subscriptions are routed here.
  const overHttp = createGraphiQLFetcher({ url: endpoint.httpUrl, enableIncrementalDelivery: false });
  const clientsByAuthorization = new Map<string, Client>();

  const clientFor = (authorization: string): Client => {
    let client = clientsByAuthorization.get(authorization);
    if (!client) {
      client = createClient({
        url: endpoint.webSocketUrl,
        connectionParams: authorization ? { authorization } : {},
        // A refused token (4401; 4403 once expired, which graphql-ws retries) shows in the result pane at once.
        retryAttempts: 0,
      });
      clientsByAuthorization.set(authorization, client);
    }
    return client;
  };

  return (params, opts) => {
    const { operationName, kind } = selectOperation(params.query, params.operationName);
    const request = { ...params, operationName };
    if (kind === OperationTypeNode.SUBSCRIPTION) {
      return overWebSocket(clientFor(authorizationHeader(opts)), request);
    }
    return overHttp(request, { headers: opts?.headers });
  };
}

/** The subscription's events until it completes or GraphiQL's stop button returns the iterator. */
async function* overWebSocket(client: Client, request: FetcherParams): AsyncGenerator<ExecutionResult> {
  try {
    const events = client.iterate({ ...request, operationName: request.operationName ?? undefined });
    // The toolkit types results with graphql-js's ExecutionResult; GraphiQL only prints them as JSON.
    yield* events as AsyncIterable<ExecutionResult>;
  } catch (error) {
    // GraphiQL shows an Error's message; a CloseEvent alone would print as {}.
    if (error instanceof CloseEvent) {
      throw new Error(`The gateway closed the subscription's connection: ${error.code} ${error.reason}`.trim());
    }
    throw error;
  }
}

/** The Authorization header from the Headers tab, whatever its case; "" when there is none. */
function authorizationHeader(opts: FetcherOpts | undefined): string {
  for (const [name, value] of Object.entries(opts?.headers ?? {})) {
    if (name.toLowerCase() === "authorization" && value != null) return String(value);
  }
  return "";
}
