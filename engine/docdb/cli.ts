/**
 * Command line: `npm run docdb -- --port 27017 --data ./data/docdb [--host 127.0.0.1] [--ttl-interval-ms 60000]
 *   [--replSet docdb | --standalone]`: by default a single-node replica set named "docdb" (transactions,
 *   change streams, retryable writes); --standalone presents a plain mongod instead.
 * Logs where it listens (one JSON line on stdout) and stops cleanly on SIGTERM / SIGINT.
 */
import { parseArgs } from 'node:util';
import { startDocDb } from './index.ts';
import { DocDbOptionsError } from './errors.ts';

function log(fields: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), component: 'docdb', ...fields })}\n`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '27017' },
      data: { type: 'string', default: './data/docdb' },
      host: { type: 'string', default: '127.0.0.1' },
      'ttl-interval-ms': { type: 'string' },
      replSet: { type: 'string' },
      standalone: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port)) throw new DocDbOptionsError(`--port must be an integer, got '${values.port}'`);
  const ttl = values['ttl-interval-ms'] !== undefined ? Number(values['ttl-interval-ms']) : undefined;
  if (ttl !== undefined && !(ttl > 0)) throw new DocDbOptionsError(`--ttl-interval-ms must be a positive number, got '${values['ttl-interval-ms']}'`);
  const db = await startDocDb({
    host: values.host,
    port,
    dataDir: values.data,
    ttlMonitorIntervalMs: ttl,
    replicaSet: values.standalone ? false : values.replSet,
    onError: (err, context) => log({ level: 'warn', context, msg: err.message }),
  });
  log({ level: 'info', msg: 'docdb listening', uri: db.uri, port: db.port, dataDir: values.data, replicaSet: values.standalone ? null : (values.replSet ?? 'docdb') });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    log({ level: 'info', msg: `received ${signal}, stopping` });
    db.stop().then(
      () => {
        log({ level: 'info', msg: 'docdb stopped' });
        process.exit(0);
      },
      (err: Error) => {
        log({ level: 'error', msg: `stop failed: ${err.message}` });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: Error) => {
  log({ level: 'error', msg: err.message });
  process.exit(1);
});
