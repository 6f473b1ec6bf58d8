/**
 * Public entry point of the embedded Zeebe-compatible broker.
 * The application imports only this file; everything else in engine/broker is internal.
 */
import { claimDataDir } from './log/data-dir-lock.ts';
import type { BrokerOptions } from './broker-options.ts';
import { BrokerEngine } from './engine/broker-engine.ts';
import { BrokerStartError } from './errors.ts';
import { createExporter, type BrokerExporter } from './exporter/exporter-api.ts';
import { startGateway } from './gateway/gateway-server.ts';

export type { BrokerOptions } from './broker-options.ts';
export type { BrokerExporter, ExportedRecord } from './exporter/exporter-api.ts';
export { BrokerStartError, ClockNotControllableError } from './errors.ts';

/** Reads and (when controllable) moves the broker's clock. */
export interface BrokerClockControl {
  /** The broker's current time in ms since the epoch. */
  now(): number;
  /** Moves a controllable clock forward by ms and resolves once the timers and TTLs that fell due were processed. */
  advance(ms: number): Promise<void>;
}

/** A running embedded broker. */
export interface RunningBroker {
  /** host:port for ZEEBE_ADDRESS / zeebe-node. */
  readonly address: string;
  readonly port: number;
  /** Reads the durable record stream (case history, audit) and keeps exporter positions. */
  readonly exporter: BrokerExporter;
  /** The broker's clock; `advance` works only with `controllableClock: true`. */
  readonly clock: BrokerClockControl;
  /** Stops taking requests, flushes the log and closes. */
  stop(): Promise<void>;
}

/** Starts the embedded broker: replays the log in dataDir, then serves the Zeebe gateway API. */
export async function startBroker(options: BrokerOptions): Promise<RunningBroker> {
  const host = options.host ?? '127.0.0.1';
  const release = claimDataDir(options.dataDir);
  let engine: BrokerEngine;
  try {
    engine = await BrokerEngine.start(options);
  } catch (err) {
    release();
    throw new BrokerStartError(`cannot open the record log in ${options.dataDir}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  let gateway;
  try {
    gateway = await startGateway(engine, host, options.port);
  } catch (err) {
    await engine.stop();
    release();
    throw new BrokerStartError(`cannot listen on ${host}:${options.port}: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  let stopping: Promise<void> | undefined;
  return {
    address: `${host}:${gateway.port}`,
    port: gateway.port,
    exporter: createExporter(engine),
    clock: { now: () => engine.clock.now(), advance: (ms) => engine.clock.advance(ms) },
    stop() {
      stopping ??= gateway
        .stop()
        .then(() => engine.stop())
        .finally(release);
      return stopping;
    },
  };
}
