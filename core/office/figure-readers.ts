/**
 * Reads the summed fields of one report part into a reused array, in the order of the *_SUM_FIELDS lists
 * (office-figures.ts). Written out field by field on purpose: a loop over field names makes one property read
 * that sees forty names, which V8 cannot specialise, and on 100k reports those reads were the largest cost of the
 * aggregation (issue #8 bench). tests/unit/core/office/figure-readers.test.ts holds each reader to its list.
 */
import type { ReportCategory, ReportPair, ReportPortal, ReportTag, ReportTotals } from '../contracts/report-schema';

export function readPopulation(t: ReportTotals, out: Float64Array): Float64Array {
  out[0] = t.activeMinutes;
  out[1] = t.offHoursMinutes;
  out[2] = t.waitMinutes;
  out[3] = t.logins;
  out[4] = t.relogins;
  out[5] = t.captchas;
  out[6] = t.loginOnlyVisits;
  out[7] = t.submissions;
  out[8] = t.failedSubmissions;
  out[9] = t.entries;
  out[10] = t.sameFieldRepeats;
  out[11] = t.crossPortalRepeats;
  out[12] = t.transfers;
  out[13] = t.duplicateFilings;
  out[14] = t.uploads;
  out[15] = t.repeatedUploads;
  out[16] = t.photoUploads;
  out[17] = t.screenshotUploads;
  return out;
}

export function readPortal(p: ReportPortal, out: Float64Array): Float64Array {
  out[0] = p.activeMinutes;
  out[1] = p.waitMinutes;
  out[2] = p.submissions;
  out[3] = p.failedSubmissions;
  out[4] = p.logins;
  out[5] = p.relogins;
  out[6] = p.captchas;
  out[7] = p.loginOnlyVisits;
  out[8] = p.entries;
  out[9] = p.sameFieldRepeats;
  out[10] = p.crossPortalRepeats;
  out[11] = p.uploads;
  out[12] = p.repeatedUploads;
  out[13] = p.photoUploads;
  out[14] = p.screenshotUploads;
  return out;
}

export function readPair(q: ReportPair, out: Float64Array): Float64Array {
  out[0] = q.crossPortalRepeats;
  out[1] = q.duplicateFilings;
  out[2] = q.transfers;
  out[3] = q.repeatedUploads;
  return out;
}

export function readCategory(c: ReportCategory, out: Float64Array): Float64Array {
  out[0] = c.entries;
  out[1] = c.sameFieldRepeats;
  out[2] = c.crossPortalRepeats;
  return out;
}

export function readTag(t: ReportTag, out: Float64Array): Float64Array {
  out[0] = t.visits;
  out[1] = t.activeMinutes;
  return out;
}
