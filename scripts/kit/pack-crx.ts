import * as fs from 'node:fs';
import * as path from 'node:path';
import crx3 from 'crx3';

/**
 * Signs a copy of the build as CRX3. The copy's manifest carries the office key (so the id seen unpacked is the
 * id of the CRX) and the office's update URL (so an installed copy keeps asking the office server for updates).
 */
export async function packCrx(opts: { buildDir: string; stageDir: string; keyFile: string; publicKeyBase64: string; updateUrl?: string; crxPath: string }): Promise<string> {
  fs.cpSync(opts.buildDir, opts.stageDir, { recursive: true });
  const manifestPath = path.join(opts.stageDir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  manifest.key = opts.publicKeyBase64;
  if (opts.updateUrl) manifest.update_url = opts.updateUrl;
  else delete manifest.update_url;
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  const info = await crx3([opts.stageDir], { keyPath: opts.keyFile, crxPath: opts.crxPath });
  return info.appId;
}
