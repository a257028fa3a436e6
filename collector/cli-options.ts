/** `npm run collector -- --port 8787 --data ./collector-data [--host 127.0.0.1]`; both main flags optional. */
export interface CliOptions {
  port: number;
  dataDir: string;
  host: string;
}

export function parseCliOptions(argv: readonly string[]): CliOptions {
  const out: CliOptions = { port: 8787, dataDir: './collector-data', host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--port' || flag === '--data' || flag === '--host') {
      if (value === undefined) throw new Error(`${flag} needs a value`);
      i++;
      if (flag === '--port') {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, not ${value}`);
        out.port = port;
      } else if (flag === '--data') out.dataDir = value;
      else out.host = value;
    } else throw new Error(`unknown option ${flag}; use --port N, --data DIR, --host ADDR`);
  }
  return out;
}
