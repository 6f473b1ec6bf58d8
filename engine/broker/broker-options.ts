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
}
