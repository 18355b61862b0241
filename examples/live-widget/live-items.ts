import type { Client } from "graphql-ws";
import type { DocumentNode } from "graphql";
import { documentPayload, type DocumentPayload } from "./persisted-query";
import {
  WidgetAuditionRequestsDocument,
  WidgetInvitationsDocument,
  WidgetMessagesDocument,
  type WidgetAuditionRequestsSubscription,
  type WidgetInvitationsSubscription,
  type WidgetMessagesSubscription,
} from "./generated/operations";

/*
 * The talent's new messages, invitations and self-tape requests, none lost to
 * a reconnect. graphql-ws sends each subscription's payload again on every
 * (re)connection, serialised at that moment: the widget keeps the last
 * `streamCursor` of each stream in that payload's `after`, so the gateway
 * replays what came while the socket was down, then goes on live. A replay
 * may repeat an item already shown: skipped by id. A cursor the gateway
 * refuses (older than its replay window) starts that stream afresh.
 */

export interface LatestItem {
  kind: "message" | "invitation" | "auditionRequest";
  id: string;
  text: string;
}

interface ItemStream<Data> {
  document: DocumentNode;
  read(data: Data): LatestItem & { streamCursor: string };
}

const messages: ItemStream<WidgetMessagesSubscription> = {
  document: WidgetMessagesDocument,
  read: ({ messageReceived: { id, body, sender, streamCursor } }) => ({
    kind: "message",
    id,
    text: `${sender.name}: ${body}`,
    streamCursor,
  }),
};

const invitations: ItemStream<WidgetInvitationsSubscription> = {
  document: WidgetInvitationsDocument,
  read: ({ invitationReceived: { id, role, streamCursor } }) => ({
    kind: "invitation",
    id,
    text: `Invitation to apply: ${role.name}`,
    streamCursor,
  }),
};

const auditionRequests: ItemStream<WidgetAuditionRequestsSubscription> = {
  document: WidgetAuditionRequestsDocument,
  read: ({ auditionRequested: { id, instructions, streamCursor } }) => ({
    kind: "auditionRequest",
    id,
    text: `Self-tape requested${instructions ? `: ${instructions}` : ""}`,
    streamCursor,
  }),
};

/** Subscribes to the three streams on `client`; resolves to the function that stops them all. */
export async function followItems(client: Client, onItem: (item: LatestItem) => void): Promise<() => void> {
  const shown = new Set<string>();
  const stops = await Promise.all(
    [messages, invitations, auditionRequests].map(async (stream: ItemStream<never>) => {
      const request: DocumentPayload & { variables: { after: string | null } } = {
        ...(await documentPayload(stream.document)),
        variables: { after: null },
      };
      let stop: () => void = () => undefined;
      const start = () => {
        stop = client.subscribe<Record<string, unknown>>(request, {
          next: (result) => {
            if (result.errors?.some((error) => error.extensions?.code === "BAD_USER_INPUT")) {
              request.variables.after = null;
              queueMicrotask(start);
              return;
            }
            if (!result.data) return;
            const item = stream.read(result.data as never);
            request.variables.after = item.streamCursor;
            const key = `${item.kind}:${item.id}`;
            if (shown.has(key)) return;
            shown.add(key);
            onItem({ kind: item.kind, id: item.id, text: item.text });
          },
          // The counts subscription on the same client reports the connection's state.
          error: () => undefined,
          complete: () => undefined,
        });
      };
      start();
      return () => stop();
    }),
  );
  return () => stops.forEach((stop) => stop());
}
