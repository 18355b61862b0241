import { CastingWorkspace1796183943123 } from "./CastingWorkspace1796183943123";
import { InitialSchema1795830403692 } from "./InitialSchema1795830403692";
import { KeptNewRolesMatched1795839017177 } from "./KeptNewRolesMatched1795839017177";
import { MessagesConversationIndex1796183315164 } from "./MessagesConversationIndex1796183315164";
import { OutboxStreamReplay1796184000000 } from "./OutboxStreamReplay1796184000000";
import { RoleFanOut1796183385001 } from "./RoleFanOut1796183385001";
import { RolesMatchIndex1795835770574 } from "./RolesMatchIndex1795835770574";
import { TransactionalOutbox1796177083857 } from "./TransactionalOutbox1796177083857";

/** Applied in this order; a new migration is appended, never inserted. */
export const sqliteMigrations: Function[] = [
  InitialSchema1795830403692,
  RolesMatchIndex1795835770574,
  KeptNewRolesMatched1795839017177,
  TransactionalOutbox1796177083857,
  MessagesConversationIndex1796183315164,
  RoleFanOut1796183385001,
  CastingWorkspace1796183943123,
  OutboxStreamReplay1796184000000,
];
