/**
 * Runs only the embedded broker: `npm run broker -- --port 26500 --data ./data/broker [--host 127.0.0.1]`.
 * Stops cleanly on SIGTERM / SIGINT.
 */
import { parseArgs } from 'node:util';
import { startBroker } from './index.ts';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '26500' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './data/broker' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0-65535), got '${values.port}'`);
  }
  const broker = await startBroker({ host: values.host, port, dataDir: values.data! });
  console.log(`streetflow broker listening on ${broker.address} (data in ${values.data})`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`received ${signal}, stopping broker`);
    broker.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('error while stopping broker', err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
