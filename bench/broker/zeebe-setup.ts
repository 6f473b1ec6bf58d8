/** zeebe-node client, deployment and workers of the broker benchmark. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ZBClient, type ZBWorker } from 'zeebe-node';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The models of the benchmark, by bpmnProcessId → file under bench/broker/models. */
export const MODELS = {
  'bench-one-task': 'one-task.bpmn',
  'bench-approval': 'approval.bpmn',
  'bench-activation': 'activation-task.bpmn',
  'bench-idle': 'idle-task.bpmn',
} as const;
export type BenchProcessId = keyof typeof MODELS;

/** Reads a model's XML. */
export function readModel(file: string): Promise<string> {
  return readFile(path.join(here, 'models', file), 'utf8');
}

/** A zeebe-node client for `address` with retries and logging off (a failure is a result). */
export function benchClient(address: string): ZBClient {
  return new ZBClient(address, { loglevel: 'NONE', retry: false, useTLS: false });
}

/** Deploys every benchmark model. */
export async function deployModels(zbc: ZBClient, ids: readonly BenchProcessId[] = Object.keys(MODELS) as BenchProcessId[]): Promise<void> {
  for (const id of ids) {
    const file = MODELS[id];
    await zbc.deployResource({ name: file, process: Buffer.from(await readModel(file)) });
  }
}

type Vars = Record<string, unknown>;

/**
 * Workers that complete the jobs of the one-task and approval models at once. They poll every
 * millisecond once a long poll has ended, so the client adds no idle gap of its own.
 */
export function startWorkers(zbc: ZBClient, maxJobsToActivate = 256): ZBWorker<Vars, Record<string, string>, Vars>[] {
  const common = { loglevel: 'NONE' as const, maxJobsToActivate, pollInterval: 1, longPoll: 10_000, timeout: 60_000 };
  return [
    zbc.createWorker<Vars, Record<string, string>, Vars>({
      ...common,
      taskType: 'bench-work',
      taskHandler: (job) => job.complete({ worked: true }),
    }),
    zbc.createWorker<Vars, Record<string, string>, Vars>({
      ...common,
      taskType: 'bench-check',
      taskHandler: (job) => job.complete({ checked: true }),
    }),
    zbc.createWorker<Vars, Record<string, string>, Vars>({
      ...common,
      taskType: 'io.camunda.zeebe:userTask',
      taskHandler: (job) => job.complete({ approved: job.variables.decision !== false, reviewer: 'bench' }),
    }),
    zbc.createWorker<Vars, Record<string, string>, Vars>({
      ...common,
      taskType: 'bench-issue-permit',
      taskHandler: (job) => job.complete({ permitNo: 'P-bench' }),
    }),
  ];
}
