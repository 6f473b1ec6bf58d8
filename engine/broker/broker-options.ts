/** Options of the embedded broker. */
export interface BrokerOptions {
  /** Interface to bind; 127.0.0.1 by default. */
  host?: string;
  /** gRPC gateway port; 0 picks a free one. */
  port: number;
  /** Directory for the durable record log. */
  dataDir: string;
  /** Commands allowed to wait for durability before RESOURCE_EXHAUSTED; 10,000 by default. */
  maxInFlightCommands?: number;
  /** How often job deadlines and back-offs are checked, in ms; 100 by default. */
  jobCheckIntervalMs?: number;
  /** Wait for fsync before answering (true, default); false only waits for the commit. */
  waitForFlush?: boolean;
  /**
   * Run on a controllable clock that stands still and only moves through `RunningBroker.clock.advance(ms)`
   * (tests of timers, deadlines and message TTL without sleeping). Off by default.
   */
  controllableClock?: boolean;
  /** Start time of a controllable clock (ms since the epoch); now by default. */
  clockStartTime?: number;
}
