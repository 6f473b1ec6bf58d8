import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ZBClient } from 'zeebe-node';
import { startBroker } from '../../../engine/broker/index.ts';
import { oneTaskProcess } from './support/bpmn-builder.ts';
import { newClient, sleep } from './support/engine-harness.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/**
 * Starts the broker CLI with tsx as a loader (`node --import tsx engine/broker/cli.ts`, one process, so
 * SIGKILL hits the broker itself) on a free port it picks itself (port 0), and resolves with the
 * address it logs once it listens. (A port picked here and passed on could be taken in between.)
 */
async function startChild(dataDir: string): Promise<{ child: ChildProcess; address: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/broker/cli.ts', '--port', '0', '--data', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const address = await new Promise<string>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`broker did not start: ${output}`));
    }, 60_000); // a cold tsx start on a loaded two-core machine can take tens of seconds
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const listening = /listening on (\S+)/.exec(output);
      if (listening) {
        clearTimeout(timer);
        resolve(listening[1]!);
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`broker exited with ${code}: ${output}`)));
  });
  return { child, address };
}

function worker(client: ZBClient, completed: Set<string>) {
  return client.createWorker({
    taskType: 'crash-work',
    loglevel: 'NONE',
    timeout: 1_000,
    maxJobsToActivate: 32,
    taskHandler: async (job) => {
      // job.complete() swallows a failed completion (e.g. the broker was killed meanwhile); complete
      // through the client instead, so only completions the broker acknowledged count.
      try {
        await client.completeJob({ jobKey: job.key, variables: { done: true } });
        completed.add(job.processInstanceKey);
      } catch {
        // not completed: the job is handed out again after its timeout
      }
      return job.forward();
    },
  });
}

describe('crash safety', () => {
  const dirs: string[] = [];

  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('should complete every acknowledged instance after the broker is killed with SIGKILL under load', async () => {
    // given a broker child process under load
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-crash-'));
    dirs.push(dataDir);
    let { child, address } = await startChild(dataDir);
    let client = newClient(address);
    await client.deployResource({ name: 'crash.bpmn', process: Buffer.from(oneTaskProcess('crash', 'crash-work')) });
    const acknowledged = new Set<string>();
    const completed = new Set<string>();
    let w = worker(client, completed);
    let creating = true;
    const creators = Array.from({ length: 8 }, async () => {
      while (creating) {
        try {
          const created = await client.createProcessInstance({ bpmnProcessId: 'crash', variables: { at: Date.now() } });
          acknowledged.add(created.processInstanceKey);
        } catch {
          await sleep(20);
        }
      }
    });
    // Load until enough instances were acknowledged (a busy CI machine needs longer than an idle one).
    const loadDeadline = Date.now() + 20_000;
    while (acknowledged.size < 40 && Date.now() < loadDeadline) await sleep(50);

    // when the broker is killed mid-flight
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    creating = false;
    await Promise.all(creators);
    await w.close().catch(() => undefined);
    await client.close().catch(() => undefined);
    expect(acknowledged.size).toBeGreaterThan(10);

    // and restarted on the same data
    ({ child, address } = await startChild(dataDir));
    client = newClient(address);
    w = worker(client, completed);
    // Wait until the worker is idle: some completions may have been durable before the kill without
    // their answer reaching the worker, so the log (below), not this set, is the judge.
    // Jobs handed out before the kill come back after their 1 s timeout; on a loaded machine the
    // re-activation can take several seconds, so the quiet window is generous.
    // (At load 8 on two cores a 10 s window was seen to end before the last re-activation.)
    const deadline = Date.now() + 90_000;
    let seen = -1;
    let quietSince = Date.now();
    while ([...acknowledged].some((key) => !completed.has(key)) && Date.now() < deadline && Date.now() - quietSince < 20_000) {
      if (completed.size !== seen) {
        seen = completed.size;
        quietSince = Date.now();
      }
      await sleep(100);
    }
    await w.close();
    await client.close();
    child.kill('SIGTERM');
    const exitCode = await new Promise<number | null>((resolve) => child.once('exit', resolve));

    // then every acknowledged instance completed, as the log shows
    expect(exitCode).toBe(0);
    const broker = await startBroker({ port: 0, dataDir });
    const completedInLog = new Set(
      broker.exporter
        .read(0, Number.MAX_SAFE_INTEGER)
        .filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS')
        .map((r) => String(r.key)),
    );
    await broker.stop();
    const missing = [...acknowledged].filter((key) => !completedInLog.has(key));
    expect(missing).toEqual([]);
  }, 200_000);
});
