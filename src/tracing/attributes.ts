/*
 * Attribute names of the OpenTelemetry semantic conventions that are not
 * stable yet. @opentelemetry/semantic-conventions asks users to copy these
 * rather than import its `incubating` entry point, which may change in any
 * minor release. The stable ones are imported from the package itself.
 */

export const ATTR_GRAPHQL_OPERATION_NAME = "graphql.operation.name";
export const ATTR_GRAPHQL_OPERATION_TYPE = "graphql.operation.type";

export const ATTR_MESSAGING_SYSTEM = "messaging.system";
export const ATTR_MESSAGING_OPERATION_TYPE = "messaging.operation.type";
export const ATTR_MESSAGING_OPERATION_NAME = "messaging.operation.name";
export const ATTR_MESSAGING_DESTINATION_NAME = "messaging.destination.name";
export const ATTR_MESSAGING_DESTINATION_TEMPLATE = "messaging.destination.template";
export const ATTR_MESSAGING_MESSAGE_ID = "messaging.message.id";

/** The gateway's own: a live event's relay sequence, on its publish span and on each websocket event it pushes. */
export const ATTR_LIVE_RELAY_SEQUENCE = "talent_dashboard.live.relay_sequence";
/** The gateway's own: the `extensions.code` of a GraphQL error recorded on a span. */
export const ATTR_GRAPHQL_ERROR_CODE = "graphql.error.code";

/** `db.system.name` of the embedded database (the stable conventions name MariaDB and MySQL only). */
export const DB_SYSTEM_NAME_VALUE_SQLITE = "sqlite";

/** GraphQL names are letters, digits and underscores; a client may still send a long one. */
const MAX_OPERATION_NAME_LENGTH = 100;

/** An operation name as an attribute: bounded in length, whatever a client sent. */
export function boundedOperationName(name: string | null | undefined): string | undefined {
  return name ? name.slice(0, MAX_OPERATION_NAME_LENGTH) : undefined;
}
