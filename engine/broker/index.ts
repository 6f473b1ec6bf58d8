/**
 * Public entry point of the embedded Zeebe-compatible broker.
 * The application imports only this file; everything else in engine/broker is internal.
 */
import type { BrokerOptions } from './broker-options.ts';
import { BrokerEngine } from './engine/broker-engine.ts';
import { BrokerStartError } from './errors.ts';
import { createExporter, type BrokerExporter } from './exporter/exporter-api.ts';
import { startGateway } from './gateway/gateway-server.ts';

export type { BrokerOptions } from './broker-options.ts';
export type { BrokerExporter, ExportedRecord } from './exporter/exporter-api.ts';
export { BrokerStartError } from './errors.ts';

/** A running embedded broker. */
export interface RunningBroker {
  /** host:port for ZEEBE_ADDRESS / zeebe-node. */
  readonly address: string;
  readonly port: number;
  /** Reads the durable record stream (case history, audit) and keeps exporter positions. */
  readonly exporter: BrokerExporter;
  /** Stops taking requests, flushes the log and closes. */
  stop(): Promise<void>;
}

/** Starts the embedded broker: replays the log in dataDir, then serves the Zeebe gateway API. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const host = options.host ?? '127.0.0.1';
  let engine: BrokerEngine;
  try {
    engine = await BrokerEngine.start(options);
  } catch (err) {
    throw new BrokerStartError(`cannot open the record log in ${options.dataDir}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  let gateway;
  try {
    gateway = await startGateway(engine, host, options.port);
  } catch (err) {
    await engine.stop();
    throw new BrokerStartError(`cannot listen on ${host}:${options.port}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  let stopping: Promise<void> | undefined;
  return {
    address: `${host}:${gateway.port}`,
    port: gateway.port,
    exporter: createExporter(engine),
    stop() {
      stopping ??= gateway.stop().then(() => engine.stop());
      return stopping;
    },
  };
}
