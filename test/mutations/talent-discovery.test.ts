import { ProductionView, User } from "../../entities";
import {
  MarkRolesMatchedSeenInFullDocument,
  NewRolesMatchedDocument,
  RecordProductionViewInFullDocument,
} from "../generated/operations";
import { daysFromNow } from "../support/fixtures";
import { expectNothingWritten, expectRefusal, useHarness, type Actor } from "./harness";

const h = useHarness();

let director: Actor;
let viewer: Actor;
let seer: Actor;

beforeAll(async () => {
  [director, viewer, seer] = await Promise.all([
    h.signUp("CASTING_DIRECTOR", "Dana Director"),
    h.signUp("TALENT", "Vic Viewer"),
    h.signUp("TALENT", "Sam Seer"),
  ]);
});

function viewsOf(talent: Actor): Promise<ProductionView[]> {
  return h.db.getRepository(ProductionView).findBy({ talentId: Number(talent.id) });
}

describe("recordProductionView", () => {
  it("records the first view of a production", async () => {
    const productionId = await h.createProduction(director, { title: "Antigone" });
    const data = await h.ok(RecordProductionViewInFullDocument, { productionId }, viewer);

    expect(data.recordProductionView).toEqual({
      viewedAt: expect.any(String),
      production: { id: productionId, title: "Antigone", isOpen: true },
    });
    expect(await viewsOf(viewer)).toEqual([
      {
        talentId: Number(viewer.id),
        productionId: Number(productionId),
        viewedAt: new Date(data.recordProductionView.viewedAt),
      },
    ]);
  });

  it("moves the view time on a later view, keeping one row per production", async () => {
    const productionId = await h.createProduction(director, { title: "Medea" });
    const first = await h.ok(RecordProductionViewInFullDocument, { productionId }, seer);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await h.ok(RecordProductionViewInFullDocument, { productionId }, seer);

    const [firstAt, secondAt] = [first, second].map((data) => new Date(data.recordProductionView.viewedAt).getTime());
    expect(secondAt).toBeGreaterThan(firstAt!);
    expect((await viewsOf(seer)).filter((view) => view.productionId === Number(productionId))).toEqual([
      { talentId: Number(seer.id), productionId: Number(productionId), viewedAt: new Date(secondAt!) },
    ]);
  });

  it("keeps one row when two first views race", async () => {
    const productionId = await h.createProduction(director, { title: "Electra" });
    const responses = await Promise.all(
      [1, 2, 3].map(() => h.call(RecordProductionViewInFullDocument, { productionId }, viewer)),
    );
    for (const response of responses) expect(response.errors).toBeUndefined();
    const views = await h.db
      .getRepository(ProductionView)
      .countBy({ talentId: Number(viewer.id), productionId: Number(productionId) });
    expect(views).toBe(1);
  });

  it("records a view of a production whose casting call has expired", async () => {
    const expired = await h.fixtures.production(Number(director.id), { title: "Oedipus", expiresAt: daysFromNow(-1) });
    const data = await h.ok(RecordProductionViewInFullDocument, { productionId: String(expired.id) }, viewer);
    expect(data.recordProductionView.production).toEqual({ id: String(expired.id), title: "Oedipus", isOpen: false });
  });

  it("answers a missing production as not found", async () => {
    await expectNothingWritten(h.db, async () => {
      for (const productionId of ["999999", "-1", "1.5"]) {
        expectRefusal(await h.call(RecordProductionViewInFullDocument, { productionId }, viewer), "NOT_FOUND", {
          message: `Production '${productionId}' does not exist`,
        });
      }
    });
  });

  it("is for talent only", async () => {
    const productionId = await h.createProduction(director, { title: "Lysistrata" });
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(RecordProductionViewInFullDocument, { productionId }, director), "FORBIDDEN");
      expectRefusal(await h.call(RecordProductionViewInFullDocument, { productionId }, null), "UNAUTHENTICATED");
    });
  });
});

describe("markRolesMatchedSeen", () => {
  it("restarts newRolesMatched from now and answers with every fresh count", async () => {
    const productionId = await h.createProduction(director, { title: "The Bacchae" });
    await h.addRole(director, productionId, { name: "Chorus" });
    await h.addRole(director, productionId, { name: "Messenger" });
    await h.addRole(director, productionId, { name: "Pentheus", requirements: { gender: "MALE" } });
    await h.sendMessage(director, seer, "Saw your profile");
    expect((await h.ok(NewRolesMatchedDocument, {}, seer)).dashboard.atAGlance.newRolesMatched).toBe(2);
    const seenBefore = (await h.db.getRepository(User).findOneByOrFail({ id: Number(seer.id) })).rolesMatchedSeenAt;

    const data = await h.ok(MarkRolesMatchedSeenInFullDocument, {}, seer);

    expect(data.markRolesMatchedSeen).toEqual({
      newMessages: 1,
      newInvitations: 0,
      auditionRequests: 0,
      draftApplications: 0,
      newRolesMatched: 0,
    });
    const seenAfter = (await h.db.getRepository(User).findOneByOrFail({ id: Number(seer.id) })).rolesMatchedSeenAt;
    expect(seenAfter.getTime()).toBeGreaterThan(seenBefore.getTime());
    expect(Math.abs(seenAfter.getTime() - Date.now())).toBeLessThan(10_000);
  });

  it("counts roles added after the mark again", async () => {
    await h.ok(MarkRolesMatchedSeenInFullDocument, {}, viewer);
    const productionId = await h.createProduction(director, { title: "Prometheus Bound" });
    await h.addRole(director, productionId, { name: "Io" });
    expect((await h.ok(NewRolesMatchedDocument, {}, viewer)).dashboard.atAGlance.newRolesMatched).toBe(1);
  });

  it("is for talent only", async () => {
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(MarkRolesMatchedSeenInFullDocument, {}, director), "FORBIDDEN");
      expectRefusal(await h.call(MarkRolesMatchedSeenInFullDocument, {}, null), "UNAUTHENTICATED");
    });
  });
});
