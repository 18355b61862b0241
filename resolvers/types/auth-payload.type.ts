import { Field, ObjectType } from "type-graphql";
import { User } from "../../entities/user.entity";

@ObjectType({ simpleResolvers: true })
export class AuthPayload {
  @Field({
    description:
      'A bearer token: send it as `Authorization: Bearer <token>` over HTTP and as\nconnectionParams `{ authorization: "Bearer <token>" }` over graphql-ws.',
  })
  token: string;

  @Field(() => User)
  user: User;
}
