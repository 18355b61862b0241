/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "mutation SignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      name\n    }\n  }\n}\n\nmutation RefreshToken {\n  refreshToken {\n    token\n    expiresAt\n  }\n}\n\nquery Dashboard($first: Int!) {\n  dashboard {\n    id\n    atAGlance {\n      id\n      newMessages\n      newInvitations\n      auditionRequests\n      draftApplications\n      newRolesMatched\n    }\n    messages(first: $first) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nquery MoreMessages($first: Int!, $after: String!) {\n  dashboard {\n    id\n    messages(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nsubscription LiveCounts {\n  notificationCounts {\n    id\n    newMessages\n    newInvitations\n    auditionRequests\n    draftApplications\n    newRolesMatched\n  }\n}\n\nsubscription MessageReceived {\n  messageReceived {\n    id\n    preview\n    unread\n    sentAt\n    sender {\n      id\n      name\n    }\n  }\n}": typeof types.SignInDocument,
};
const documents: Documents = {
    "mutation SignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      name\n    }\n  }\n}\n\nmutation RefreshToken {\n  refreshToken {\n    token\n    expiresAt\n  }\n}\n\nquery Dashboard($first: Int!) {\n  dashboard {\n    id\n    atAGlance {\n      id\n      newMessages\n      newInvitations\n      auditionRequests\n      draftApplications\n      newRolesMatched\n    }\n    messages(first: $first) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nquery MoreMessages($first: Int!, $after: String!) {\n  dashboard {\n    id\n    messages(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nsubscription LiveCounts {\n  notificationCounts {\n    id\n    newMessages\n    newInvitations\n    auditionRequests\n    draftApplications\n    newRolesMatched\n  }\n}\n\nsubscription MessageReceived {\n  messageReceived {\n    id\n    preview\n    unread\n    sentAt\n    sender {\n      id\n      name\n    }\n  }\n}": types.SignInDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation SignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      name\n    }\n  }\n}\n\nmutation RefreshToken {\n  refreshToken {\n    token\n    expiresAt\n  }\n}\n\nquery Dashboard($first: Int!) {\n  dashboard {\n    id\n    atAGlance {\n      id\n      newMessages\n      newInvitations\n      auditionRequests\n      draftApplications\n      newRolesMatched\n    }\n    messages(first: $first) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nquery MoreMessages($first: Int!, $after: String!) {\n  dashboard {\n    id\n    messages(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nsubscription LiveCounts {\n  notificationCounts {\n    id\n    newMessages\n    newInvitations\n    auditionRequests\n    draftApplications\n    newRolesMatched\n  }\n}\n\nsubscription MessageReceived {\n  messageReceived {\n    id\n    preview\n    unread\n    sentAt\n    sender {\n      id\n      name\n    }\n  }\n}"): (typeof documents)["mutation SignIn($email: String!, $password: String!) {\n  login(email: $email, password: $password) {\n    token\n    expiresAt\n    user {\n      id\n      name\n    }\n  }\n}\n\nmutation RefreshToken {\n  refreshToken {\n    token\n    expiresAt\n  }\n}\n\nquery Dashboard($first: Int!) {\n  dashboard {\n    id\n    atAGlance {\n      id\n      newMessages\n      newInvitations\n      auditionRequests\n      draftApplications\n      newRolesMatched\n    }\n    messages(first: $first) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nquery MoreMessages($first: Int!, $after: String!) {\n  dashboard {\n    id\n    messages(first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          id\n          preview\n          unread\n          sentAt\n          sender {\n            id\n            name\n          }\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n        hasPreviousPage\n        startCursor\n      }\n    }\n  }\n}\n\nsubscription LiveCounts {\n  notificationCounts {\n    id\n    newMessages\n    newInvitations\n    auditionRequests\n    draftApplications\n    newRolesMatched\n  }\n}\n\nsubscription MessageReceived {\n  messageReceived {\n    id\n    preview\n    unread\n    sentAt\n    sender {\n      id\n      name\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;