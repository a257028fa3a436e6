/**
 * `npm run collector`: the office's collector. Prints where it listens and, on first start without
 * COLLECTOR_OFFICE_TOKEN, the generated office token — once; only its hash is kept. It prints nothing per request.
 */
import { parseCliOptions } from './cli-options';
import { startCollector } from './start-collector';
import { openDatabase } from './db/open-database';
import { parseEnrollOptions, runEnroll } from './tokens/enroll-command';

/** `npm run collector -- enroll --count N --campaign C`: a sheet of enrollment slips (issue #17), then exit. */
async function enroll(argv: string[]) {
  const { enroll: options, rest } = parseEnrollOptions(argv);
  const cli = parseCliOptions(rest);
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL || undefined, dataDir: cli.dataDir });
  try {
    console.log(await runEnroll(db, options));
  } finally {
    await db.close();
  }
}

async function main() {
  if (process.argv[2] === 'enroll') return enroll(process.argv.slice(3));
  const cli = parseCliOptions(process.argv.slice(2));
  const collector = await startCollector({
    ...cli,
    databaseUrl: process.env.DATABASE_URL || undefined,
    officeToken: process.env.COLLECTOR_OFFICE_TOKEN,
    extensionId: process.env.COLLECTOR_EXTENSION_ID || undefined,
    requireTokens: process.env.COLLECTOR_REQUIRE_TOKENS === '1',
  });
  const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${cli.dataDir}`;
  console.log(`collector listening on ${collector.url} — ${where}${process.env.COLLECTOR_REQUIRE_TOKENS === '1' ? ' — blind tokens required' : ''}`);
  if (collector.generatedToken) {
    console.log(`office token (shown once, kept only as a hash): ${collector.generatedToken}`);
  }
  let closing = false;
  const stop = () => {
    if (closing) return;
    closing = true;
    collector.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(`collector did not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
