/**
 * Public entry point of the embedded Zeebe-compatible broker.
 * The application imports only this file; everything else in engine/broker is internal.
 */

/** Options for {@link startBroker}. */
export interface BrokerOptions {
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** gRPC gateway port; 0 picks a free one. */
  port: number;
  /** Directory for the durable record log. */
  dataDir: string;
}

/** A running embedded broker. */
export interface RunningBroker {
  /** host:port for ZEEBE_ADDRESS / zeebe-node. */
  readonly address: string;
  readonly port: number;
  /** Stops taking requests, flushes the log and closes. */
  stop(): Promise<void>;
}

/** Starts the embedded broker. Not implemented yet: see issue "broker part 1". */
export async function startBroker(_options: BrokerOptions): Promise<RunningBroker> {
  throw new Error('the embedded Zeebe-compatible broker (engine/broker) is not built yet');
}
