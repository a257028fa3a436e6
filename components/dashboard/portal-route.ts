/** The per-portal page lives at `#portal/<id>`; ids are the portal list's own (no slash, URL-safe once encoded). */
export const portalHref = (portalId: string) => `#portal/${encodeURIComponent(portalId)}`;

export function portalIdFromHash(hash: string): string | null {
  const m = /^#portal\/(.+)$/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
}
