/**
 * Engine test harness: a broker on a free loopback port with a temporary data directory, a real
 * zeebe-node client, and helpers that read the exported record stream (Zeebe's RecordingExporter idea).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { ZBClient } from 'zeebe-node';
import { BrokerEngine } from '../../../../engine/broker/engine/broker-engine.ts';
import { startGateway, type GatewayServer } from '../../../../engine/broker/gateway/gateway-server.ts';
import { startBroker, type BrokerOptions, type ExportedRecord, type RunningBroker } from '../../../../engine/broker/index.ts';

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
  /** Restarts the broker on the same data directory (new port), reconnecting the client; options override the start options. */
  restart(options?: Partial<BrokerOptions>): Promise<void>;
  close(): Promise<void>;
}

/** A new zeebe-node client for an address, quiet and without retries on purpose-made errors. */
export function newClient(address: string): ZBClient {
  return new ZBClient(address, { useTLS: false, loglevel: 'NONE', retry: false });
}

/** Starts the harness; options are added to the broker's start options (e.g. a controllable clock). */
export async function startHarness(options: Partial<BrokerOptions> = {}, dirPrefix = 'streetflow-broker-test-'): Promise<EngineHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), dirPrefix));
  const base: BrokerOptions = { host: '127.0.0.1', port: 0, dataDir, ...options };
  let broker = await startBroker(base);
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
    async waitForRecord(match, timeoutMs = 15_000) {
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
    async restart(overrides = {}) {
      await client.close();
      await broker.stop();
      broker = await startBroker({ ...base, ...overrides });
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

/**
 * Activates jobs of a type until one of the given process instance (any, when none is given) comes back; jobs of other
 * instances are failed back (retries kept) so they are not held. Throws after 15 attempts and at least `timeoutMs`
 * (an attempt may return at once, e.g. with only other instances' jobs, so a count alone is no time budget).
 */
export async function jobOf(client: ZBClient, type: string, processInstanceKey?: string, worker = 'w', timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; attempt < 15 || Date.now() < deadline; attempt++) {
    const jobs = await client.activateJobs({ type, worker, maxJobsToActivate: 10, timeout: 60_000, requestTimeout: 200 });
    const mine = jobs.find((j) => processInstanceKey === undefined || j.processInstanceKey === processInstanceKey);
    for (const other of jobs.filter((j) => j !== mine)) await client.failJob({ jobKey: other.key, retries: 3, errorMessage: 'not mine', retryBackOff: 0 });
    if (mine) return mine;
  }
  throw new Error(`no ${type} job`);
}

/** An engine with its gateway and a zeebe-node client on a fresh temporary data directory (for replay tests). */
export interface LiveEngine {
  engine: BrokerEngine;
  gateway: GatewayServer;
  client: ZBClient;
  dataDir: string;
  /** host:port of the gateway. */
  address: string;
  options: BrokerOptions;
}

/**
 * For a describe block: returns a starter of live engines and registers an afterAll that removes
 * the data directories of every engine it started.
 */
export function liveEngines(dirPrefix: string): (options?: Partial<BrokerOptions>) => Promise<LiveEngine> {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  return async (options) => {
    const run = await startLiveEngine(dirPrefix, options);
    dirs.push(run.dataDir);
    return run;
  };
}

/** What replayFromLog saw live and what it rebuilt from the log. */
export interface Replay {
  /** The live engine's state snapshot, taken once it stopped. */
  live: ReturnType<BrokerEngine['state']['snapshot']>;
  /** The live engine's next key, once it stopped. */
  liveKey: BrokerEngine['state']['keys']['nextKey'];
  /** An engine started again on the same data directory (the caller stops it). */
  replayed: BrokerEngine;
}

/**
 * Stops a live engine, snapshots its final state and starts a new engine on its log; overrides (read after the
 * stop, e.g. the stopped clock's time) are added to the first start's options.
 */
export async function replayFromLog(run: LiveEngine, overrides: (stopped: BrokerEngine) => Partial<BrokerOptions> = () => ({})): Promise<Replay> {
  // Stop first: work still in flight when the last client call returned (a job created after a
  // completion, a timer trigger) would otherwise land after the snapshot but before the stop.
  await stopLiveEngine(run);
  const live = run.engine.state.snapshot();
  const liveKey = run.engine.state.keys.nextKey;
  const replayed = await BrokerEngine.start({ ...run.options, ...overrides(run.engine) });
  return { live, liveKey, replayed };
}

/** Starts an engine + gateway + client on a new temp dir; the caller removes dataDir (liveEngines does). */
export async function startLiveEngine(dirPrefix: string, options: Partial<BrokerOptions> = {}): Promise<LiveEngine> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), dirPrefix));
  const engineOptions: BrokerOptions = { port: 0, dataDir, ...options };
  const engine = await BrokerEngine.start(engineOptions);
  const gateway = await startGateway(engine, '127.0.0.1', 0);
  const address = `127.0.0.1:${gateway.port}`;
  return { engine, gateway, client: newClient(address), dataDir, address, options: engineOptions };
}

/** Stops the client, gateway and engine of a live engine, keeping its data directory. */
export async function stopLiveEngine(live: LiveEngine): Promise<void> {
  await live.client.close();
  await live.gateway.stop();
  await live.engine.stop();
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
