import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import type { DataSource } from "typeorm";
import {
  AddRoleInFullDocument,
  CreateProductionInFullDocument,
  InviteToApplyInFullDocument,
  RequestAuditionInFullDocument,
  SaveDraftApplicationInFullDocument,
  SendMessageInFullDocument,
  SubmitApplicationInFullDocument,
  SignUpDocument,
  type AddRoleInput,
  type CreateProductionInput,
} from "../generated/operations";
import { errorCode, request, type GraphQLResponse } from "../support/graphql-http";
import { finishFanOut } from "../support/finish-fan-out";
import { useGateway, type GatewayUnderTest } from "../support/use-gateway";
import { TABLES_PARENTS_FIRST } from "../../src/seed/rows";

/*
 * What the mutation tests share: a gateway on a fresh database, users signed
 * up through the API, the mutations that build the rows a test starts from,
 * and the assertions for refusals. Every operation is a codegen document
 * (test/operations/, the contract's): data and variables are type-checked.
 */

export interface Actor {
  id: string;
  token: string;
}

const DAY = 24 * 3600 * 1000;

/** An ISO instant `days` from now (negative: in the past). */
export function isoDaysFromNow(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString();
}

export function useHarness(options: Parameters<typeof useGateway>[0] = {}) {
  const gateway: GatewayUnderTest = useGateway(options);
  let people = 0;

  /** Sends an operation as the actor (anonymously for null) and returns the whole response. */
  function call<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: NoInfer<TVariables>,
    actor: Actor | null,
  ): Promise<GraphQLResponse<TData>> {
    return request(gateway.app.url, document, variables, actor ? { token: actor.token } : {});
  }

  /** Sends an operation that must succeed, and returns its data. */
  async function ok<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: NoInfer<TVariables>,
    actor: Actor | null,
  ): Promise<TData> {
    const response = await call(document, variables, actor);
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  async function signUp(accountType: "TALENT" | "CASTING_DIRECTOR", name: string): Promise<Actor> {
    people += 1;
    const input = { email: `mutations-${people}@example.test`, password: "correct horse", name, accountType };
    const data = await ok(SignUpDocument, { input }, null);
    return { id: data.signUp.user.id, token: data.signUp.token };
  }

  async function createProduction(director: Actor, input: Partial<CreateProductionInput> = {}): Promise<string> {
    const data = await ok(
      CreateProductionInFullDocument,
      { input: { title: "Production", expiresAt: isoDaysFromNow(30), ...input } },
      director,
    );
    return data.createProduction.id;
  }

  async function addRole(director: Actor, productionId: string, input: Partial<AddRoleInput> = {}): Promise<string> {
    const data = await ok(AddRoleInFullDocument, { input: { productionId, name: "Role", ...input } }, director);
    return data.addRole.id;
  }

  /** Invites the talent; returns the new invitation's and application's ids. */
  async function invite(
    director: Actor,
    roleId: string,
    talent: Actor,
  ): Promise<{ invitationId: string; applicationId: string }> {
    const data = await ok(InviteToApplyInFullDocument, { input: { roleId, talentId: talent.id } }, director);
    return { invitationId: data.inviteToApply.id, applicationId: data.inviteToApply.application.id };
  }

  async function saveDraft(talent: Actor, roleId: string, coverLetter?: string | null): Promise<string> {
    const data = await ok(
      SaveDraftApplicationInFullDocument,
      { input: coverLetter === undefined ? { roleId } : { roleId, coverLetter } },
      talent,
    );
    return data.saveDraftApplication.id;
  }

  /** A draft, submitted: an application the role's casting director sees (a draft is the talent's own). */
  async function submitted(talent: Actor, roleId: string): Promise<string> {
    const id = await saveDraft(talent, roleId);
    await ok(SubmitApplicationInFullDocument, { id }, talent);
    return id;
  }

  async function requestAudition(director: Actor, applicationId: string, dueAt = isoDaysFromNow(7)): Promise<string> {
    const data = await ok(RequestAuditionInFullDocument, { input: { applicationId, dueAt } }, director);
    return data.requestAudition.id;
  }

  async function sendMessage(from: Actor, to: Actor, body = "Hello"): Promise<string> {
    const data = await ok(SendMessageInFullDocument, { input: { toUserId: to.id, body } }, from);
    return data.sendMessage.id;
  }

  return {
    gateway,
    get db(): DataSource {
      return gateway.app.db;
    },
    get fixtures() {
      return gateway.fixtures;
    },
    call,
    ok,
    signUp,
    createProduction,
    addRole,
    invite,
    saveDraft,
    submitted,
    requestAudition,
    sendMessage,
  };
}

/** Asserts a refusal: no data, and the first error's code (and the offending field, for BAD_USER_INPUT). */
export function expectRefusal(
  response: GraphQLResponse<unknown>,
  code: "BAD_USER_INPUT" | "NOT_FOUND" | "FORBIDDEN" | "UNAUTHENTICATED",
  expected: { field?: string; message?: string } = {},
): void {
  expect(response.data).toBeNull();
  expect(response.errors).toHaveLength(1);
  expect(errorCode(response)).toBe(code);
  const error = response.errors![0]!;
  if (code === "BAD_USER_INPUT") expect(error.extensions!.field).toBe(expected.field);
  if (expected.message !== undefined) expect(error.message).toBe(expected.message);
}

/** Asserts a BAD_USER_INPUT refusal from an input rule: `Invalid <field>: <problem>`, naming the field. */
export function expectInvalid(response: GraphQLResponse<unknown>, field: string, problem: string): void {
  expectRefusal(response, "BAD_USER_INPUT", { field, message: `Invalid ${field}: ${problem}` });
}

const TABLES = TABLES_PARENTS_FIRST;

/** Every row of every table: the test databases are small enough to compare whole. */
async function snapshot(db: DataSource): Promise<unknown[]> {
  return Promise.all(TABLES.map((table) => db.query(`SELECT * FROM ${table} ORDER BY 1, 2`)));
}

/**
 * Runs `act` and asserts that it changed no row of any table. New roles of the
 * test's earlier steps are fanned out first, so the background job's writes
 * are not taken for the act's.
 */
export async function expectNothingWritten(db: DataSource, act: () => Promise<void>): Promise<void> {
  await finishFanOut(db);
  const before = await snapshot(db);
  await act();
  expect(await snapshot(db)).toEqual(before);
}

/** `count` characters of text. */
export function text(count: number, character = "x"): string {
  return character.repeat(count);
}
