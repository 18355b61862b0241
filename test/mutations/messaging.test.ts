import { Message } from "../../entities";
import { MarkMessageReadDocument, SendMessageInFullDocument } from "../generated/operations";
import { expectInvalid, expectNothingWritten, expectRefusal, text, useHarness, type Actor } from "./harness";

const h = useHarness();

let director: Actor;
let silentDirector: Actor;
let talent: Actor;
let otherTalent: Actor;
let productionId: string;
let otherProductionId: string;

beforeAll(async () => {
  [director, silentDirector, talent, otherTalent] = await Promise.all([
    h.signUp("CASTING_DIRECTOR", "Dana Director"),
    h.signUp("CASTING_DIRECTOR", "Sam Silent"),
    h.signUp("TALENT", "Tess Talent"),
    h.signUp("TALENT", "Theo Talent"),
  ]);
  productionId = await h.createProduction(director, { title: "Othello" });
  otherProductionId = await h.createProduction(silentDirector, { title: "Macbeth" });
});

function storedMessage(id: string): Promise<Message> {
  return h.db.getRepository(Message).findOneByOrFail({ id: Number(id) });
}

describe("sendMessage from a casting director", () => {
  it("delivers an unread message to a talent", async () => {
    const body = `  Hi Tess, ${text(150, "a")}  `;
    const data = await h.ok(SendMessageInFullDocument, { input: { toUserId: talent.id, body } }, director);

    const id = data.sendMessage.id;
    expect(data.sendMessage).toEqual({
      id,
      body: body.trim(),
      preview: body.trim().slice(0, 140),
      sentAt: expect.any(String),
      unread: true,
      sender: { id: director.id },
      recipient: { id: talent.id },
      production: null,
    });
    expect(await storedMessage(id)).toEqual({
      id: Number(id),
      senderId: Number(director.id),
      recipientId: Number(talent.id),
      productionId: null,
      body: body.trim(),
      sentAt: new Date(data.sendMessage.sentAt),
      readAt: null,
    });
  });

  it("may be about one of the director's productions", async () => {
    const data = await h.ok(
      SendMessageInFullDocument,
      { input: { toUserId: talent.id, body: "About Othello", productionId } },
      director,
    );
    expect(data.sendMessage.production).toEqual({ id: productionId });
    expect((await storedMessage(data.sendMessage.id)).productionId).toBe(Number(productionId));
  });

  it("answers another director's production exactly like a missing one", async () => {
    await expectNothingWritten(h.db, async () => {
      for (const id of [otherProductionId, "999999"]) {
        const response = await h.call(
          SendMessageInFullDocument,
          { input: { toUserId: talent.id, body: "Hi", productionId: id } },
          director,
        );
        expectRefusal(response, "NOT_FOUND", { message: `Production '${id}' does not exist` });
      }
    });
  });

  it("finds no recipient behind another casting director's id or a missing id", async () => {
    await expectNothingWritten(h.db, async () => {
      for (const toUserId of [silentDirector.id, "999999", "nobody"]) {
        const response = await h.call(SendMessageInFullDocument, { input: { toUserId, body: "Hi" } }, director);
        expectRefusal(response, "NOT_FOUND", { message: `User '${toUserId}' does not exist` });
      }
    });
  });

  it("refuses a message to oneself", async () => {
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SendMessageInFullDocument,
        { input: { toUserId: director.id, body: "Note to self" } },
        director,
      );
      expectInvalid(response, "toUserId", "you cannot send a message to yourself");
    });
  });

  it.each([
    ["a blank body", "  \n ", "Invalid body: must be 1 to 5000 characters"],
    ["a body of 5001 characters", text(5001), "Invalid body: must be 1 to 5000 characters"],
  ])("refuses %s", async (_label, body, message) => {
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(SendMessageInFullDocument, { input: { toUserId: talent.id, body } }, director);
      expectRefusal(response, "BAD_USER_INPUT", { field: "body", message });
    });
  });

  it("refuses an anonymous caller", async () => {
    await expectNothingWritten(h.db, async () => {
      expectRefusal(
        await h.call(SendMessageInFullDocument, { input: { toUserId: talent.id, body: "Hi" } }, null),
        "UNAUTHENTICATED",
      );
    });
  });
});

describe("sendMessage from a talent", () => {
  it("replies to a casting director who has written to them, about one of that director's productions", async () => {
    await h.sendMessage(director, otherTalent, "Are you free on Monday?");
    const data = await h.ok(
      SendMessageInFullDocument,
      { input: { toUserId: director.id, body: " Yes, I am. ", productionId } },
      otherTalent,
    );
    expect(data.sendMessage).toMatchObject({
      body: "Yes, I am.",
      unread: true,
      sender: { id: otherTalent.id },
      recipient: { id: director.id },
      production: { id: productionId },
    });
    expect(await storedMessage(data.sendMessage.id)).toMatchObject({
      senderId: Number(otherTalent.id),
      recipientId: Number(director.id),
      productionId: Number(productionId),
      readAt: null,
    });
  });

  it("may not write first to a casting director: FORBIDDEN", async () => {
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SendMessageInFullDocument,
        { input: { toUserId: silentDirector.id, body: "Cast me!" } },
        talent,
      );
      expectRefusal(response, "FORBIDDEN", {
        message: `You can only reply to a casting director who has written to you; user '${silentDirector.id}' has not`,
      });
    });
  });

  it("finds no recipient behind another talent's id", async () => {
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SendMessageInFullDocument,
        { input: { toUserId: otherTalent.id, body: "Hi" } },
        talent,
      );
      expectRefusal(response, "NOT_FOUND", { message: `User '${otherTalent.id}' does not exist` });
    });
  });

  it("answers another casting director's production exactly like a missing one", async () => {
    await h.sendMessage(director, talent, "Hello again, Tess");
    await expectNothingWritten(h.db, async () => {
      for (const id of [otherProductionId, "999999"]) {
        const response = await h.call(
          SendMessageInFullDocument,
          { input: { toUserId: director.id, body: "About Macbeth", productionId: id } },
          talent,
        );
        expectRefusal(response, "NOT_FOUND", { message: `Production '${id}' does not exist` });
      }
    });
  });

  it("refuses a production that does not exist", async () => {
    await h.sendMessage(director, talent, "Hello Tess");
    await expectNothingWritten(h.db, async () => {
      const response = await h.call(
        SendMessageInFullDocument,
        { input: { toUserId: director.id, body: "Hi", productionId: "999999" } },
        talent,
      );
      expectRefusal(response, "NOT_FOUND", { message: "Production '999999' does not exist" });
    });
  });
});

describe("markMessageRead", () => {
  it("marks a message to the talent as read, and keeps the first time it was read", async () => {
    const id = await h.sendMessage(director, talent, "Please read me");
    const first = await h.ok(MarkMessageReadDocument, { id }, talent);
    expect(first.markMessageRead).toEqual({ id, unread: false });
    const readAt = (await storedMessage(id)).readAt;
    expect(readAt).toEqual(expect.any(Date));

    await new Promise((resolve) => setTimeout(resolve, 5));
    const again = await h.ok(MarkMessageReadDocument, { id }, talent);
    expect(again.markMessageRead).toEqual({ id, unread: false });
    expect((await storedMessage(id)).readAt).toEqual(readAt);
  });

  it("answers another talent's message, or a missing one, as not found", async () => {
    const id = await h.sendMessage(director, talent, "For Tess only");
    await expectNothingWritten(h.db, async () => {
      for (const [reader, messageId] of [
        [otherTalent, id],
        [talent, "999999"],
      ] as const) {
        const response = await h.call(MarkMessageReadDocument, { id: messageId }, reader);
        expectRefusal(response, "NOT_FOUND", { message: `Message '${messageId}' does not exist` });
      }
    });
  });

  it("is for the recipient only: the sending director gets NOT_FOUND, an anonymous caller UNAUTHENTICATED", async () => {
    const id = await h.sendMessage(director, talent, "Unread");
    await expectNothingWritten(h.db, async () => {
      expectRefusal(await h.call(MarkMessageReadDocument, { id }, director), "NOT_FOUND");
      expectRefusal(await h.call(MarkMessageReadDocument, { id }, null), "UNAUTHENTICATED");
    });
  });
});
