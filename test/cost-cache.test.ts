import { parse, type DocumentNode } from "graphql";
import { cachedPerDocument, MAX_VARIANT_KEY_LENGTH, VARIANTS_PER_DOCUMENT } from "../src/limits/cost-cache";

/** A cost function that counts its calls: the cost is the page size asked for, or null without one. */
function countingCost() {
  const calls: Array<{ document: DocumentNode; first: unknown; operationName: string | null | undefined }> = [];
  const costOf = cachedPerDocument((document, variables, operationName) => {
    calls.push({ document, first: variables?.first, operationName });
    return typeof variables?.first === "number" ? variables.first : null;
  });
  return { costOf, calls };
}

const text = "query A($first: Int!) { dashboard { __typename } } query B { viewer { id } }";

describe("the cost cache", () => {
  it("computes the cost of a document once per operation name and variables", () => {
    const { costOf, calls } = countingCost();
    const document = parse(text);
    expect(costOf(document, { first: 10 }, "A")).toBe(10);
    expect(costOf(document, { first: 10 }, "A")).toBe(10);
    expect(costOf(document, { first: 20 }, "A")).toBe(20);
    expect(costOf(document, { first: 10 }, "B")).toBe(10);
    expect(costOf(document, undefined, "B")).toBeNull();
    expect(costOf(document, {}, "B")).toBeNull();
    expect(costOf(document, { first: 20 }, "A")).toBe(20);
    expect(calls.map((call) => [call.first, call.operationName])).toEqual([
      [10, "A"],
      [20, "A"],
      [10, "B"],
      [undefined, "B"],
    ]);
  });

  it("keeps costs per document object, not per text", () => {
    const { costOf, calls } = countingCost();
    const [first, second] = [parse(text), parse(text)];
    costOf(first, { first: 10 }, "A");
    costOf(second, { first: 10 }, "A");
    costOf(first, { first: 10 }, "A");
    expect(calls).toHaveLength(2);
    expect(calls[0]!.document).toBe(first);
    expect(calls[1]!.document).toBe(second);
  });

  it(`keeps at most ${VARIANTS_PER_DOCUMENT} variables per document, forgetting the oldest first`, () => {
    const { costOf, calls } = countingCost();
    const document = parse(text);
    for (let first = 0; first <= VARIANTS_PER_DOCUMENT; first += 1) costOf(document, { first }, "A");
    expect(calls).toHaveLength(VARIANTS_PER_DOCUMENT + 1);
    costOf(document, { first: VARIANTS_PER_DOCUMENT }, "A");
    costOf(document, { first: 1 }, "A");
    expect(calls).toHaveLength(VARIANTS_PER_DOCUMENT + 1);
    costOf(document, { first: 0 }, "A");
    expect(calls).toHaveLength(VARIANTS_PER_DOCUMENT + 2);
  });

  it("does not keep the cost of huge variables", () => {
    const { costOf, calls } = countingCost();
    const document = parse(text);
    const variables = { first: 5, padding: "x".repeat(MAX_VARIANT_KEY_LENGTH) };
    expect(costOf(document, variables, "A")).toBe(5);
    expect(costOf(document, variables, "A")).toBe(5);
    expect(calls).toHaveLength(2);
  });
});
