/**
 * A casting director's workspace counts (Query.castingWorkspace.atAGlance), as
 * the live layer pushes them: the shape CASTING_AT_A_GLANCE_SQL reads.
 */
export interface DirectorCounts {
  readonly unreadReplies: number;
  readonly newApplications: number;
  readonly newSelfTapes: number;
}

export function sameDirectorCounts(a: DirectorCounts, b: DirectorCounts): boolean {
  return (
    a.unreadReplies === b.unreadReplies && a.newApplications === b.newApplications && a.newSelfTapes === b.newSelfTapes
  );
}
