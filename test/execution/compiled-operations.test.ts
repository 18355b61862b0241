import { buildSchema, getOperationAST, parse } from "graphql";
import { createCompiledOperations, type CompileOperation } from "../../src/execution/compiled-operations";
import { createMemoryLogger } from "../../src/logger";

/*
 * The compile cache on its own: one compilation per document and operation,
 * and a document the compiler refuses, or throws on, remembered as such and
 * reported once.
 */

const schema = buildSchema("type Query { hello: String, bye: String }");
const document = parse("query Hello { hello } query Bye { bye }");
const hello = getOperationAST(document, "Hello")!;
const bye = getOperationAST(document, "Bye")!;

function cacheWith(compile?: CompileOperation) {
  const logger = createMemoryLogger();
  const calls: Array<string | undefined> = [];
  const counted: CompileOperation | undefined = compile && ((...args) => (calls.push(args[2]), compile(...args)));
  return { logger, calls, operations: createCompiledOperations({ schema, logger, compile: counted }) };
}

describe("the compile cache", () => {
  it("compiles each operation of a document once, and runs what it compiled", async () => {
    const { operations, logger } = cacheWith();
    const first = operations.compiled("doc", document, hello);
    expect(operations.compiled("doc", document, hello)).toBe(first);
    expect(operations.compiled("doc", document, bye)).not.toBe(first);
    expect(operations.size).toBe(2);
    expect(await first!.query({ hello: "world" }, {}, {})).toEqual({ data: { hello: "world" } });
    expect(logger.lines).toEqual([]);
  });

  it.each([
    [
      "throws",
      (() => {
        throw new RangeError("Maximum call stack size exceeded");
      }) as CompileOperation,
    ],
    [
      "answers with errors",
      (() => ({ errors: [{ message: "conditions is not iterable" }] })) as unknown as CompileOperation,
    ],
  ])("remembers an operation the compiler %s, and reports it once", (_how, compile) => {
    const { operations, logger, calls } = cacheWith(compile);
    for (let attempt = 0; attempt < 3; attempt += 1) expect(operations.compiled("doc", document, hello)).toBeNull();
    expect(calls).toEqual(["Hello"]);
    expect(operations.size).toBe(0);
    expect(logger.lines).toEqual([
      expect.objectContaining({
        level: "warn",
        msg: "graphql-jit cannot compile this operation; graphql-js runs it",
        document: "doc",
        operationName: "Hello",
      }),
    ]);
  });
});
