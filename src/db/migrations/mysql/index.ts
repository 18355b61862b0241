import { InitialSchema1795830403692 } from "./InitialSchema1795830403692";
import { KeptNewRolesMatched1795839017177 } from "./KeptNewRolesMatched1795839017177";
import { RolesMatchIndex1795835770574 } from "./RolesMatchIndex1795835770574";
import { TransactionalOutbox1796177083857 } from "./TransactionalOutbox1796177083857";
import { RoleFanOut1796183385001 } from "./RoleFanOut1796183385001";

/** Applied in this order; a new migration is appended, never inserted. */
export const mysqlMigrations: Function[] = [
  InitialSchema1795830403692,
  RolesMatchIndex1795835770574,
  KeptNewRolesMatched1795839017177,
  TransactionalOutbox1796177083857,
  RoleFanOut1796183385001,
];
