import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Real photographs for the perceptual-hash measurement, from Debian packages: wallpaper photographs (Lomiri,
 * UKUI, MATE "nature", KDE Plasma) and Stellarium's deep-sky photographs. The set-up installs them when they are
 * missing (idempotent: apt-get skips installed packages); CI can install them up front with PHOTO_PACKAGES_APT.
 */
export const PHOTO_PACKAGES = ['lomiri-wallpapers-16.04', 'lomiri-wallpapers-20.04', 'mate-backgrounds', 'plasma-workspace-wallpapers', 'ukui-wallpapers', 'stellarium-data'] as const;
export const PHOTO_PACKAGES_APT = `apt-get install -y --no-install-recommends ${PHOTO_PACKAGES.join(' ')}`;

const BACKGROUNDS = '/usr/share/backgrounds';
const PLASMA = '/usr/share/wallpapers';
const NEBULAE = '/usr/share/stellarium/nebulae/default';
/** How many deep-sky photographs to take (sorted by name): together with the wallpapers well over 100. */
const NEBULA_COUNT = 110;

const present = () => fs.existsSync(path.join(BACKGROUNDS, 'mate/nature')) && fs.existsSync(PLASMA) && fs.existsSync(NEBULAE);

/** Installs the packages if needed; the reason when that was impossible. */
export function ensurePhotoPackages(): { ok: true } | { ok: false; reason: string } {
  if (present()) return { ok: true };
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let run = spawnSync('apt-get', PHOTO_PACKAGES_APT.split(' ').slice(1), { env, encoding: 'utf8', timeout: 600_000 });
  if (run.status !== 0) {
    spawnSync('apt-get', ['update'], { env, timeout: 300_000 });
    run = spawnSync('apt-get', PHOTO_PACKAGES_APT.split(' ').slice(1), { env, encoding: 'utf8', timeout: 600_000 });
  }
  if (present()) return { ok: true };
  return { ok: false, reason: `could not install the photo packages (${PHOTO_PACKAGES_APT}): ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1)}` };
}

export interface Corpus {
  /** One file per distinct photograph (KDE's per-resolution files are links to one image: taken once). */
  photos: { label: string; file: string }[];
}

const jpegs = (dir: string) =>
  fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.jpe?g$/i.test(f)).sort().map((f) => path.join(dir, f)) : [];

export function photoCorpus(): Corpus {
  const photos: Corpus['photos'] = [];
  for (const file of [...jpegs(BACKGROUNDS), ...jpegs(path.join(BACKGROUNDS, 'mate/nature'))]) photos.push({ label: path.basename(file), file });
  for (const scene of fs.readdirSync(PLASMA).sort()) {
    const images = path.join(PLASMA, scene, 'contents/images');
    const wide = path.join(images, '1920x1080.jpg');
    if (!fs.existsSync(wide)) continue; // PNG scenes are artwork
    photos.push({ label: `plasma/${scene}`, file: wide });
  }
  const nebulae = fs
    .readdirSync(NEBULAE)
    .filter((f) => /\.(png|jpe?g)$/i.test(f) && fs.statSync(path.join(NEBULAE, f)).size > 30_000)
    .sort()
    .slice(0, NEBULA_COUNT);
  for (const f of nebulae) photos.push({ label: `stellarium/${f}`, file: path.join(NEBULAE, f) });
  return { photos };
}
