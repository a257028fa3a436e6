/**
 * npm run kit -- --catalog catalog.json [--campaign ID] [--endpoint URL] [--key office.pem] [--update-url URL]
 *                [--chrome-store-id ID] [--edge-store-id ID] [--no-lock] [--extension-dir DIR] [--out DIR]
 *
 * Builds the office deployment kit (#18) from the built extension: the CRX3 signed with the office key, updates.xml,
 * .reg files per route and browser, Linux policy JSON, checksums and the printable guide. Nothing is written
 * until the catalog and every option have been accepted.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isExtensionId } from '../../core/deployment/extension-id';
import { formatKitProblems, type KitText, kitText, pickKitLang } from '../../core/deployment/kit-messages';
import { CRX_FILE, checksumFile, planKit } from '../../core/deployment/kit-plan';
import { checkKitPolicy } from '../../core/deployment/kit-policy';
import { DEFAULT_KEY_PATH, loadOrCreateOfficeKey } from './office-key';
import { packCrx } from './pack-crx';

const lang = pickKitLang(process.env.BB_LANG ?? process.env.LC_ALL ?? process.env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale);
const t: KitText = kitText(lang);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        catalog: { type: 'string' },
        campaign: { type: 'string' },
        endpoint: { type: 'string' },
        key: { type: 'string' },
        'update-url': { type: 'string' },
        'chrome-store-id': { type: 'string' },
        'edge-store-id': { type: 'string' },
        'no-lock': { type: 'boolean' },
        'extension-dir': { type: 'string' },
        out: { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (error) {
    fail(t.unknownOption((error as Error).message));
  }

  if (!args.catalog) fail(t.noCatalog);
  const updateUrl = args['update-url'];
  if (updateUrl !== undefined && !/^https?:\/\/[^/]/i.test(updateUrl)) fail(t.badUpdateUrl);
  if (updateUrl !== undefined) {
    try {
      new URL(updateUrl);
    } catch {
      fail(t.badUpdateUrl);
    }
  }
  const storeIds: { chrome?: string; edge?: string } = {};
  for (const [browser, flag] of [['chrome', '--chrome-store-id'], ['edge', '--edge-store-id']] as const) {
    const id = args[flag.slice(2) as 'chrome-store-id' | 'edge-store-id'];
    if (id === undefined) continue;
    if (!isExtensionId(id)) fail(t.badStoreId(flag));
    storeIds[browser] = id;
  }

  let file: unknown;
  try {
    file = JSON.parse(fs.readFileSync(args.catalog, 'utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    fail(t.badJson(args.catalog, (error as Error).message));
  }
  const checked = checkKitPolicy({
    file,
    campaign: args.campaign,
    reportEndpoint: args.endpoint,
    ...(args['no-lock'] && { lockPortalList: false }),
  });
  if (!checked.ok) fail(formatKitProblems(checked.problems, lang));

  const buildDir = path.resolve(args['extension-dir'] ?? '.output/chrome-mv3');
  if (!fs.existsSync(path.join(buildDir, 'manifest.json'))) fail(t.noBuild(buildDir));
  const manifest = JSON.parse(fs.readFileSync(path.join(buildDir, 'manifest.json'), 'utf8'));

  const key = loadOrCreateOfficeKey(args.key ?? DEFAULT_KEY_PATH, process.cwd());
  if ('code' in key) fail(key.code === 'key-in-repo' ? t.keyInRepo(key.file) : t.keyUnreadable(key.file));
  console.log(key.created ? t.keyCreated(key.file) : t.keyUsed(key.file));

  const outDir = path.resolve(args.out ?? '.output/kit');
  // Built beside the target and swapped in whole, so a failure never leaves half a kit where the last one was.
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const work = fs.mkdtempSync(path.join(path.dirname(outDir), '.kit-'));
  try {
    const kitDir = path.join(work, 'kit');
    fs.mkdirSync(kitDir);
    const crxId = await packCrx({
      buildDir,
      stageDir: path.join(work, 'stage'),
      keyFile: key.file,
      publicKeyBase64: key.publicKeyBase64,
      updateUrl,
      crxPath: path.join(kitDir, CRX_FILE),
    });
    if (crxId !== key.extensionId) throw new Error(`CRX id ${crxId} differs from the key's id ${key.extensionId}`);

    const files = planKit({
      policy: checked.policy,
      officeId: key.extensionId,
      version: String(manifest.version),
      minimumChromeVersion: manifest.minimum_chrome_version,
      updateUrl,
      storeIds,
    });
    for (const f of files) {
      fs.mkdirSync(path.dirname(path.join(kitDir, f.path)), { recursive: true });
      fs.writeFileSync(path.join(kitDir, f.path), f.bytes);
    }
    const digests = [CRX_FILE, ...files.map((f) => f.path)].map((p) => ({
      path: p,
      sha256: createHash('sha256').update(fs.readFileSync(path.join(kitDir, p))).digest('hex'),
    }));
    const sums = checksumFile(digests);
    fs.writeFileSync(path.join(kitDir, sums.path), sums.bytes);

    fs.rmSync(outDir, { recursive: true, force: true });
    fs.renameSync(kitDir, outDir);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }

  if (!updateUrl) console.log(t.noUpdateUrl);
  if (!storeIds.chrome) console.log(t.noStoreId('Chrome'));
  if (!storeIds.edge) console.log(t.noStoreId('Edge'));
  console.log(t.officeId(key.extensionId));
  if (storeIds.chrome) console.log(t.storeId('Chrome', storeIds.chrome));
  if (storeIds.edge) console.log(t.storeId('Edge', storeIds.edge));
  console.log(t.written(outDir));
}

await main();
