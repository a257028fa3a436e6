/**
 * People counting of the office tables (DESIGN.md §5): a report is one cadre-week, so the distinct reports of one
 * week are that week's cadres. Reports carry no person id, so the same cadre's weeks cannot be linked; a cell that
 * spans several weeks is therefore taken to hold as many people as its busiest single week — a lower bound on the
 * real number, which is the safe side for suppression.
 */

/**
 * People behind a cell: the largest number of its reports in any one week. `members` are indices of distinct
 * reports, `reportWeek[i]` is the week (0-based) of report i, and weeks are below `weekCount`.
 */
export function peopleOf(members: ArrayLike<number>, reportWeek: ArrayLike<number>, weekCount: number): number {
  return peopleOfUnion([members], reportWeek, weekCount);
}

/** People behind the union of several cells; a report that is in more than one of them counts once. */
export function peopleOfUnion(memberLists: readonly ArrayLike<number>[], reportWeek: ArrayLike<number>, weekCount: number): number {
  const perWeek = new Int32Array(weekCount);
  const seen = memberLists.length > 1 ? new Set<number>() : null;
  let best = 0;
  for (const members of memberLists) {
    for (let i = 0; i < members.length; i++) {
      const report = members[i]!;
      if (seen) {
        if (seen.has(report)) continue;
        seen.add(report);
      }
      const week = reportWeek[report]!;
      const n = (perWeek[week] ?? 0) + 1;
      perWeek[week] = n;
      if (n > best) best = n;
    }
  }
  return best;
}
