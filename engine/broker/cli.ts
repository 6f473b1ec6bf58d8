/**
 * Runs only the embedded broker: `npm run broker -- --port 26500 --data ./data/broker [--host 127.0.0.1] [--controllable-clock]`.
 * Stops cleanly on SIGTERM / SIGINT.
 */
import { parseArgs } from 'node:util';
import { createInterface } from 'node:readline';
import { startBroker } from './index.ts';
import { addIsoDuration, parseIsoDuration } from './model/index.ts';

function isoMillis(text: string): number | undefined {
  const duration = parseIsoDuration(text);
  return duration ? addIsoDuration(0, duration) : undefined;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '26500' },
      host: { type: 'string', default: '127.0.0.1' },
      data: { type: 'string', default: './data/broker' },
      'controllable-clock': { type: 'boolean', default: false },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a port number (0-65535), got '${values.port}'`);
  }
  const controllableClock = values['controllable-clock'] === true;
  const broker = await startBroker({ host: values.host, port, dataDir: values.data!, controllableClock });
  console.log(`streetflow broker listening on ${broker.address} (data in ${values.data})`);
  if (controllableClock) {
    console.log('controllable clock: type "advance <ms>" (or an ISO-8601 duration such as PT1H) on stdin to move time forward');
    createInterface({ input: process.stdin }).on('line', (line) => {
      const match = /^\s*advance\s+(\S+)\s*$/.exec(line);
      if (!match) return;
      const text = match[1]!;
      const duration = /^\d+$/.test(text) ? Number(text) : isoMillis(text);
      if (duration === undefined) {
        console.error(`cannot read '${text}' as milliseconds or an ISO-8601 duration`);
        return;
      }
      broker.clock.advance(duration).then(
        () => console.log(`clock now ${new Date(broker.clock.now()).toISOString()}`),
        (err: unknown) => console.error(err instanceof Error ? err.message : err),
      );
    });
  }
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
