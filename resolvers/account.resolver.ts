import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { User, type PublicUser } from "../entities/user.entity";
import type { Context } from "../src/context";
import { LoginArgs } from "./inputs/login.args";
import { SignUpInput } from "./inputs/sign-up.input";
import { AuthPayload } from "./types/auth-payload.type";

@Resolver()
export class AccountResolver {
  @Query(() => User, { nullable: true, description: "The signed-in user, or null without a valid token." })
  async viewer(@Ctx() { viewer, loaders }: Context): Promise<PublicUser | null> {
    return viewer ? loaders.userById.load(viewer.id) : null;
  }

  @Mutation(() => AuthPayload)
  signUp(@Arg("input") input: SignUpInput, @Ctx() { services }: Context): Promise<AuthPayload> {
    return services.accounts.signUp(input);
  }

  @Mutation(() => AuthPayload)
  login(@Args() { email, password }: LoginArgs, @Ctx() { services, clientAddress }: Context): Promise<AuthPayload> {
    return services.accounts.login(email, password, clientAddress);
  }

  @Authorized()
  @Mutation(() => AuthPayload, {
    description:
      "A new token for the signed-in user, in the same session: send the current, still valid token. A session\nlasts SESSION_MAX_AGE_SECONDS (30 days by default) from its sign-in; after that only `login` gives a token.",
  })
  refreshToken(@Ctx() { viewer, services, now }: Context): Promise<AuthPayload> {
    return services.accounts.refresh(viewer!, now);
  }
}
