/**
 * Harness for event tests: a broker on a controllable clock (port 0, temp data dir), a zeebe-node
 * client, record helpers, and restart on the same data directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startBroker, type BrokerOptions, type ExportedRecord, type RunningBroker } from '../../../../engine/broker/index.ts';

/** A broker with a controllable clock and a client. */
export interface EventsHarness {
  readonly broker: RunningBroker;
  readonly client: ZBClient;
  deploy(name: string, xml: string): Promise<string>;
  records(): ExportedRecord[];
  /** Records of a value type (and intent), optionally of one process instance. */
  recordsOf(valueType: string, intent?: string, processInstanceKey?: string): ExportedRecord[];
  waitForRecord(match: (r: ExportedRecord) => boolean, timeoutMs?: number): Promise<ExportedRecord>;
  /** Moves time forward by ms and waits for what fell due. */
  advance(ms: number): Promise<void>;
  /** Stops and starts the broker on the same data directory. */
  restart(options?: Partial<BrokerOptions>): Promise<void>;
  close(): Promise<void>;
}

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

function newClient(address: string): ZBClient {
  return new ZBClient(address, { useTLS: false, loglevel: 'NONE', retry: false });
}

/** Starts a broker on a controllable clock. */
export async function startEventsHarness(): Promise<EventsHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-events-test-'));
  const base: BrokerOptions = { host: '127.0.0.1', port: 0, dataDir, controllableClock: true };
  let broker = await startBroker(base);
  let client = newClient(broker.address);
  const matches = (r: ExportedRecord, valueType: string, intent?: string, pi?: string): boolean =>
    r.valueType === valueType &&
    (intent === undefined || r.intent === intent) &&
    (pi === undefined || String((r.value as { processInstanceKey?: number }).processInstanceKey) === pi);
  const harness: EventsHarness = {
    get broker() {
      return broker;
    },
    get client() {
      return client;
    },
    async deploy(name, xml) {
      const result = await client.deployResource({ name, process: Buffer.from(xml) });
      return result.deployments[0]!.process.processDefinitionKey;
    },
    records() {
      return broker.exporter.read(0, Number.MAX_SAFE_INTEGER) as ExportedRecord[];
    },
    recordsOf(valueType, intent, processInstanceKey) {
      return harness.records().filter((r) => r.recordType === 'EVENT' && matches(r, valueType, intent, processInstanceKey));
    },
    async waitForRecord(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = harness.records().find(match);
        if (found) return found;
        if (Date.now() > deadline) throw new Error('timed out waiting for a matching record');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    advance(ms) {
      return broker.clock.advance(ms);
    },
    async restart(options = {}) {
      await client.close();
      await broker.stop();
      broker = await startBroker({ ...base, ...options });
      client = newClient(broker.address);
    },
    async close() {
      await client.close();
      await broker.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/** Intents of the PROCESS_INSTANCE events of one element (of one instance). */
export function lifecycle(records: ExportedRecord[], elementId: string, processInstanceKey?: string): string[] {
  return records
    .filter(
      (r) =>
        r.valueType === 'PROCESS_INSTANCE' &&
        r.recordType === 'EVENT' &&
        (r.value as { elementId: string }).elementId === elementId &&
        (processInstanceKey === undefined || String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey),
    )
    .map((r) => r.intent);
}

/** Whether the process instance completed. */
export function completed(records: ExportedRecord[], processId: string, processInstanceKey: string): boolean {
  return lifecycle(records, processId, processInstanceKey).includes('ELEMENT_COMPLETED');
}
