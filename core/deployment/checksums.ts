/**
 * SHA256SUMS in the format `sha256sum -c` checks (two spaces, forward slashes); on Windows
 * `certutil -hashfile FILE SHA256` prints the same digest to compare by eye, as the guide explains.
 */
export function checksumsText(files: { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}
