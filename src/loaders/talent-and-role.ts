/** A key for what one talent has or is for one role; loaders keyed by it batch per talent. */
export interface TalentAndRole {
  readonly talentId: number;
  readonly roleId: number;
}

export const talentAndRoleKey = (key: TalentAndRole) => `${key.talentId}:${key.roleId}`;

/** The keys grouped by talent: one statement per talent (in practice, the viewer: one). */
export function roleIdsByTalent(keys: readonly TalentAndRole[]): Map<number, number[]> {
  const byTalent = new Map<number, number[]>();
  for (const { talentId, roleId } of keys) {
    const roleIds = byTalent.get(talentId);
    if (roleIds) roleIds.push(roleId);
    else byTalent.set(talentId, [roleId]);
  }
  return byTalent;
}
