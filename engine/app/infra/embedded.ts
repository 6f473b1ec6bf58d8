import path from 'node:path';
import { startBroker, type RunningBroker } from '../../broker/index.ts';
import { startDocDb } from '../../docdb/index.ts';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logger.ts';
import type { Shutdown } from '../shutdown.ts';

/** Raised when an embedded server was needed (no address configured) but could not start. */
export class EmbeddedServerError extends Error {
  constructor(
    readonly component: 'broker' | 'docdb',
    reason: string,
  ) {
    const hint =
      component === 'broker'
        ? 'ZEEBE_ADDRESS is not set, so Streetflow tried to start its embedded Zeebe-compatible broker'
        : 'MONGODB_URI is not set, so Streetflow tried to start its embedded MongoDB-compatible document store';
    const fix = component === 'broker' ? 'set ZEEBE_ADDRESS=host:port of a Zeebe gateway' : 'set MONGODB_URI=mongodb://…';
    super(`${hint}, which failed: ${reason}. To use an external server instead, ${fix}.`);
    this.name = 'EmbeddedServerError';
  }
}

/** Addresses the application connects to, after starting whatever the configuration asks for. */
export interface Endpoints {
  zeebeAddress: string;
  mongodbUri: string;
  embeddedBroker: boolean;
  embeddedDocDb: boolean;
  /** The embedded broker when one was started (its exporter feeds the case history). */
  broker?: RunningBroker;
}

/** Starts the embedded broker and/or document store when no address is configured. */
export async function startEmbeddedServers(config: Config, logger: Logger, shutdown: Shutdown): Promise<Endpoints> {
  let mongodbUri = config.mongodbUri;
  if (!mongodbUri) {
    try {
      const docdb = await startDocDb({ port: config.mongodbPort, dataDir: path.join(config.dataDir, 'docdb') });
      shutdown.add('embedded document store', () => docdb.stop());
      mongodbUri = docdb.uri;
      logger.info({ uri: docdb.uri }, 'embedded document store listening');
    } catch (err) {
      throw new EmbeddedServerError('docdb', err instanceof Error ? err.message : String(err));
    }
  }
  let zeebeAddress = config.zeebeAddress;
  let embedded: RunningBroker | undefined;
  if (!zeebeAddress) {
    try {
      const broker = await startBroker({ port: config.zeebePort, dataDir: path.join(config.dataDir, 'broker') });
      shutdown.add('embedded broker', () => broker.stop());
      zeebeAddress = broker.address;
      embedded = broker;
      logger.info({ address: broker.address }, 'embedded broker listening');
    } catch (err) {
      throw new EmbeddedServerError('broker', err instanceof Error ? err.message : String(err));
    }
  }
  return { zeebeAddress, mongodbUri, embeddedBroker: !config.zeebeAddress, embeddedDocDb: !config.mongodbUri, ...(embedded ? { broker: embedded } : {}) };
}
