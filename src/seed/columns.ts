import type { RowsByTable, TableName } from "./rows";

/*
 * The column list of each table, in INSERT order. Written as a set of keys so
 * the compiler rejects a list that misses a column of the row type or names one it lacks.
 */

type ColumnSet<Row> = { readonly [Column in keyof Row]-?: true };

const columnSets: { [Table in TableName]: ColumnSet<RowsByTable[Table][number]> } = {
  users: {
    id: true,
    email: true,
    passwordHash: true,
    name: true,
    accountType: true,
    rolesMatchedSeenAt: true,
    newRolesMatchedCount: true,
    createdAt: true,
  },
  talent_profiles: {
    talentId: true,
    bio: true,
    gender: true,
    playableAgeMin: true,
    playableAgeMax: true,
    heightCm: true,
    location: true,
    unionStatus: true,
    updatedAt: true,
  },
  talent_skills: { id: true, talentId: true, name: true },
  talent_credits: { id: true, talentId: true, title: true, role: true, year: true },
  media_items: {
    id: true,
    talentId: true,
    kind: true,
    title: true,
    bytes: true,
    url: true,
    isPrimary: true,
    createdAt: true,
  },
  productions: { id: true, castingDirectorId: true, title: true, location: true, expiresAt: true, createdAt: true },
  roles: {
    id: true,
    productionId: true,
    name: true,
    description: true,
    gender: true,
    ageMin: true,
    ageMax: true,
    location: true,
    unionStatus: true,
    createdAt: true,
  },
  applications: {
    id: true,
    talentId: true,
    roleId: true,
    status: true,
    coverLetter: true,
    createdAt: true,
    updatedAt: true,
    submittedAt: true,
    seenAt: true,
  },
  invitations: {
    id: true,
    applicationId: true,
    talentId: true,
    roleId: true,
    castingDirectorId: true,
    note: true,
    createdAt: true,
    respondedAt: true,
  },
  audition_requests: {
    id: true,
    applicationId: true,
    talentId: true,
    castingDirectorId: true,
    instructions: true,
    dueAt: true,
    status: true,
    tapeUrl: true,
    createdAt: true,
    submittedAt: true,
    tapeSeenAt: true,
  },
  messages: { id: true, senderId: true, recipientId: true, productionId: true, body: true, sentAt: true, readAt: true },
  production_views: { talentId: true, productionId: true, viewedAt: true },
};

export function columnsOf(table: TableName): readonly string[] {
  return Object.keys(columnSets[table]);
}
