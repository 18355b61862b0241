import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Application } from "../entities/application.entity";
import { AuditionRequest } from "../entities/audition-request.entity";
import type { Context } from "../src/context";
import { required } from "./not-null";
import { streamCursorDescriptionByAccount, streamCursorOf, streamOfViewer } from "./stream-cursor-field";

const REQUEST_STREAMS = { talent: "auditionRequested", castingDirector: "selfTapeSubmitted" } as const;

@Resolver(() => AuditionRequest)
export class AuditionRequestResolver {
  @FieldResolver(() => String, {
    description: streamCursorDescriptionByAccount("auditionRequested", "selfTapeSubmitted"),
  })
  streamCursor(@Root() request: AuditionRequest, @Ctx() context: Context): string {
    return streamCursorOf(context, streamOfViewer(context, REQUEST_STREAMS), request);
  }

  @FieldResolver(() => Application)
  async application(@Root() request: AuditionRequest, @Ctx() { loaders }: Context): Promise<Application> {
    return required(await loaders.applicationById.load(request.applicationId), `Application ${request.applicationId}`);
  }

  @FieldResolver(() => Boolean, {
    nullable: true,
    description:
      "For the casting director who asked: whether they have watched the submitted tape (markSelfTapeSeen). " +
      "Null for anyone else.",
  })
  tapeSeenByCastingDirector(@Root() request: AuditionRequest, @Ctx() { viewer }: Context): boolean | null {
    return viewer?.id === request.castingDirectorId ? request.tapeSeenAt !== null : null;
  }
}
