import { ArgsType } from "type-graphql";
import { pageArgs } from "./page.args";

/** A page of the casting director's productions. */
@ArgsType()
export class ProductionsPageArgs extends pageArgs(10) {}
