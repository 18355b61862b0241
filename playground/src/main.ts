import "graphiql/style.css";
import "./page.css";
import { GraphiQL } from "graphiql";
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import defaultQuery from "./default-query.graphql";
import directorQuery from "./director-query.graphql";
import { createPlaygroundFetcher, endpointOfPage } from "./fetcher";

/*
 * The playground page: GraphiQL against the gateway that served it. `?query=`,
 * `?variables=` and `?headers=` preset the editors (a shareable link; the
 * browser test uses them too); without them the first tab holds the talent's
 * Dashboard and the second the casting director's workspace. (GraphiQL takes
 * defaultTabs over a preset query, so they are left out when one is given.)
 */

const params = new URLSearchParams(window.location.search);
const presetEditor = (name: string): string | undefined => params.get(name) ?? undefined;

const root = document.getElementById("playground");
if (!root) throw new Error("The playground page has no #playground element");

createRoot(root).render(
  createElement(GraphiQL, {
    fetcher: createPlaygroundFetcher(endpointOfPage(window.location)),
    defaultQuery,
    defaultTabs: presetEditor("query") === undefined ? [{ query: defaultQuery }, { query: directorQuery }] : undefined,
    query: presetEditor("query"),
    variables: presetEditor("variables"),
    headers: presetEditor("headers"),
    defaultHeaders: "{}",
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: "headers",
  }),
);
