/**
 * Engine test harness: a broker on a free loopback port with a temporary data directory, a real
 * zeebe-node client, and helpers that read the exported record stream (Zeebe's RecordingExporter idea).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZBClient } from 'zeebe-node';
import { startBroker, type ExportedRecord, type RunningBroker } from '../../../../engine/broker/index.ts';

/** A started broker + client for one test file. */
export interface EngineHarness {
  broker: RunningBroker;
  client: ZBClient;
  dataDir: string;
  /** Deploys BPMN text under a resource name; returns the process definition key. */
  deploy(name: string, xml: string): Promise<string>;
  /** Every exported record so far. */
  records(): ExportedRecord[];
  /** Waits until a record matches, polling the exporter; returns it. */
  waitForRecord(match: (r: ExportedRecord) => boolean, timeoutMs?: number): Promise<ExportedRecord>;
  /** Restarts the broker on the same data directory (new port), reconnecting the client. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** A new zeebe-node client for an address, quiet and without retries on purpose-made errors. */
export function newClient(address: string): ZBClient {
  return new ZBClient(address, { useTLS: false, loglevel: 'NONE', retry: false });
}

/** Starts the harness. */
export async function startHarness(): Promise<EngineHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-broker-test-'));
  let broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir });
  let client = newClient(broker.address);
  const harness: EngineHarness = {
    get broker() {
      return broker;
    },
    get client() {
      return client;
    },
    dataDir,
    async deploy(name, xml) {
      const result = await client.deployResource({ name, process: Buffer.from(xml) });
      return result.deployments[0]!.process.processDefinitionKey;
    },
    records() {
      return broker.exporter.read(0, Number.MAX_SAFE_INTEGER) as ExportedRecord[];
    },
    async waitForRecord(match, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      let after = 0;
      for (;;) {
        const batch = (await broker.exporter.read(after, 10_000)) as ExportedRecord[];
        const found = batch.find(match);
        if (found) return found;
        if (batch.length > 0) after = batch[batch.length - 1]!.position;
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('timed out waiting for a matching record');
        await broker.exporter.waitForRecords(after, Math.min(left, 200));
      }
    },
    async restart() {
      await client.close();
      await broker.stop();
      broker = await startBroker({ host: '127.0.0.1', port: 0, dataDir });
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

/** Intents of the PROCESS_INSTANCE events of one element, in order. */
export function lifecycleOf(records: ExportedRecord[], elementId: string, processInstanceKey?: string): string[] {
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

/** Resolves after ms. */
export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
