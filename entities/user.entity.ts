import { Field, ID, ObjectType } from "type-graphql";
import { Entity, Index } from "typeorm";
import { CountColumn, EnumColumn, IdColumn, StringColumn, TimestampColumn } from "./columns";
import { AccountType } from "./enums";

/** Anyone who signs in: a talent or a casting director. */
@ObjectType({ simpleResolvers: true })
@Entity("users")
export class User {
  @Field(() => ID)
  @IdColumn()
  id: number;

  /** Stored lower-cased, so uniqueness is case-insensitive on every engine. */
  @Index("UQ_users_email", { unique: true })
  @StringColumn(254)
  email: string;

  @StringColumn(255)
  passwordHash: string;

  @Field()
  @StringColumn(120)
  name: string;

  @Field(() => AccountType)
  @EnumColumn()
  accountType: AccountType;

  /** When the talent last called markRolesMatchedSeen (sign-up time until then). */
  @TimestampColumn()
  rolesMatchedSeenAt: Date;

  /**
   * newRolesMatched kept up to date by every write that changes it, so a dashboard
   * reads a number instead of counting roles (src/role-matches/). It counts the roles
   * whose production was open at the settlement mark (RoleMatchSettlement); readers
   * subtract the roles of productions that expired since.
   */
  @CountColumn()
  newRolesMatchedCount: number;

  @TimestampColumn()
  createdAt: Date;
}

/**
 * A user as the API shows them: what userById holds, by every path (a list
 * that joins the user, or a cache miss), and never the email or password hash.
 */
export type PublicUser = Pick<User, "id" | "name" | "accountType">;
