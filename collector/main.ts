/**
 * `npm run collector`: the office's collector. Prints where it listens and, on first start without
 * COLLECTOR_OFFICE_TOKEN, the generated office token — once; only its hash is kept. It prints nothing per request.
 */
import { parseCliOptions } from './cli-options';
import { startCollector } from './start-collector';

async function main() {
  const cli = parseCliOptions(process.argv.slice(2));
  const collector = await startCollector({
    ...cli,
    databaseUrl: process.env.DATABASE_URL || undefined,
    officeToken: process.env.COLLECTOR_OFFICE_TOKEN,
    extensionId: process.env.COLLECTOR_EXTENSION_ID || undefined,
  });
  const where = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${cli.dataDir}`;
  console.log(`collector listening on ${collector.url} — ${where}`);
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
