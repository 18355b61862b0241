import type { GraphQLResponse } from "./graphql-http";

/** A GraphQL POST that sends extra headers (X-Forwarded-For) and returns the response's headers too. */
export async function postWithHeaders(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { token?: string; headers?: Record<string, string> } = {},
): Promise<GraphQLResponse & { headers: Headers }> {
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await response.json()) as Omit<GraphQLResponse, "status">;
  return { status: response.status, headers: response.headers, ...body };
}
