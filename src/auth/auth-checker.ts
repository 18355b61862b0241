import type { AuthChecker } from "type-graphql";
import type { AccountType } from "../../entities/enums";
import { ForbiddenError, UnauthenticatedError } from "../errors";
import type { Context } from "../context";

/**
 * `@Authorized(AccountType.TALENT)`: signed in, and of one of the listed account
 * types. Throws rather than returning false so that the client gets the
 * contract's codes (UNAUTHENTICATED or FORBIDDEN) instead of TypeGraphQL's.
 */
export const authChecker: AuthChecker<Context, AccountType> = ({ context }, allowed) => {
  if (!context.viewer) throw new UnauthenticatedError();
  if (allowed.length > 0 && !allowed.includes(context.viewer.accountType)) {
    throw new ForbiddenError(`This is for ${allowed.join(" or ")} accounts only`);
  }
  return true;
};
