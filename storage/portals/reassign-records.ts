import type { ActivityRepo } from '../time/activity-repo';
import type { BurdenDb } from '../db/schema';
import type { EntriesRepo } from '../entries/entries-repo';
import type { FrictionRepo } from '../submissions/submissions-repo';
import type { UploadsRepo } from '../uploads/uploads-repo';
import type { VisitsRepo } from '../time/visits-repo';

export interface PortalRecordRepos {
  visits: VisitsRepo;
  activity: ActivityRepo;
  entries: EntriesRepo;
  submissions: FrictionRepo;
  uploads: UploadsRepo;
}

/**
 * Moves every record of portal `from` to `to` (a portal merge) in one transaction over all the tables the repos
 * touch: each repo's own transaction becomes part of it, so a worker stopped or a write failing mid-merge leaves
 * every table as it was, never time moved but entries not.
 */
export function createRecordReassigner(db: BurdenDb, repos: PortalRecordRepos) {
  const tables = [db.visits, db.daily, db.gaps, db.entries, db.submissions, db.stays, db.tagDaily, db.uploads];
  return (from: string, to: string): Promise<void> =>
    db.transaction('rw', tables, async () => {
      await repos.visits.reassignPortal(from, to);
      await repos.activity.reassignPortal(from, to);
      await repos.entries.reassignPortal(from, to);
      await repos.submissions.reassignPortal(from, to);
      await repos.uploads.reassignPortal(from, to);
    });
}
