import { Field, ObjectType } from "type-graphql";
import { User } from "../../entities/user.entity";

@ObjectType({ simpleResolvers: true })
export class AuthPayload {
  @Field({
    description:
      'A bearer token: send it as `Authorization: Bearer <token>` over HTTP and as\nconnectionParams `{ authorization: "Bearer <token>" }` over graphql-ws.',
  })
  token: string;

  @Field({
    description:
      "When the token stops being accepted. Call `refreshToken` before then (with the token) for a new one; a\nwebsocket authenticated with it is closed 4403 at that moment, and reconnects with the new token.",
  })
  expiresAt: Date;

  @Field(() => User)
  user: User;
}
