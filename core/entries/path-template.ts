/**
 * The form's path template (DESIGN.md §3 "Entry": "a keyed fingerprint of the form's path template (digits and
 * ids stripped)"). The template is only ever fingerprinted, never stored: it identifies "the same form" across
 * visits, so that `/apply/123/edit` and `/apply/456/edit` are one form.
 *
 * Rules, per path segment (after dropping the query and the fragment):
 * - `;matrix` parameters are dropped (Java portals put `;jsessionid=…` in the path);
 * - percent-escapes are decoded where valid, and the segment is lower-cased (IIS paths are case-insensitive and
 *   no real form differs from another by letter case only);
 * - all-digit segments become `:n`;
 * - id-like segments become `:id`: a UUID (with or without dashes), a hex string of 12+ characters containing a
 *   digit, or a token of 16+ characters from `[A-Za-z0-9_-]` containing letters and digits where either at least a
 *   quarter of the characters are digits or the token mixes upper and lower case with no separator (random
 *   base64url ids);
 * - in any other segment each run of digits becomes `:n` (`form2.html` → `form:n.html`, `2026-11` → `:n-:n`);
 * - empty segments (doubled or trailing slashes) are dropped; the template always starts with `/`.
 *
 * A fragment that is a hash route (`#/…` or `#!/…`, as in Vue/Angular hash-mode portals) names the form in a
 * single-page application, so its path part is templated the same way and appended as `#/…`; any other fragment
 * is dropped, and so is an empty route (`#/`). Input beyond `MAX_PATH_UNITS` code units is ignored (paths are short; this only bounds the work).
 */

export const MAX_PATH_UNITS = 4096;

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const HEX = /^[0-9a-f]{12,}$/i;
const TOKEN = /^[A-Za-z0-9_-]{16,}$/;

function isIdLike(segment: string): boolean {
  if (UUID.test(segment)) return true;
  if (HEX.test(segment) && /\d/.test(segment)) return true;
  if (!TOKEN.test(segment) || !/\d/.test(segment) || !/[A-Za-z]/.test(segment)) return false;
  const digits = segment.replace(/\D/g, '').length;
  if (digits * 4 >= segment.length) return true;
  return /[a-z]/.test(segment) && /[A-Z]/.test(segment) && !/[_-]/.test(segment);
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function templateSegment(raw: string): string | null {
  const withoutMatrix = raw.split(';', 1)[0] ?? '';
  const segment = decode(withoutMatrix);
  if (segment === '') return null;
  if (/^\d+$/.test(segment)) return ':n';
  if (isIdLike(segment)) return ':id';
  return segment.toLowerCase().replace(/\d+/g, ':n');
}

function templatePath(path: string): string {
  const segments = path.split('/').map(templateSegment).filter((s): s is string => s !== null);
  return `/${segments.join('/')}`;
}

/** `pathname` may carry a `?query` and a `#fragment`; see the module comment for the rules. */
export function pathTemplate(pathname: string): string {
  const bounded = pathname.slice(0, MAX_PATH_UNITS);
  const hashAt = bounded.indexOf('#');
  const beforeHash = hashAt < 0 ? bounded : bounded.slice(0, hashAt);
  const fragment = hashAt < 0 ? '' : bounded.slice(hashAt + 1);
  const path = beforeHash.split('?', 1)[0] ?? '';
  const template = templatePath(path);
  if (!/^!?\//.test(fragment)) return template;
  const route = templatePath(fragment.replace(/^!/, '').split('?', 1)[0] ?? '');
  return route === '/' ? template : `${template}#${route}`;
}
