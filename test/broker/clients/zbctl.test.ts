/**
 * The real `zbctl` binary (Go client, from the npm package `zbctl`) against the embedded broker over
 * a plaintext gateway: status, deploy (DeployProcess and DeployResource), create instance, and a job
 * activated and completed by hand.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixturePath, startTestBroker, type TestBroker } from './support/test-broker.ts';

interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** The platform binary shipped in the npm package (the package's node wrapper checks for updates online). */
function zbctlBinary(): string {
  const pkgDir = path.dirname(createRequire(import.meta.url).resolve('zbctl/package.json'));
  const suffix = process.platform === 'darwin' ? 'darwin' : process.platform === 'win32' ? 'exe' : 'linux';
  return path.join(pkgDir, 'bin', suffix === 'exe' ? 'zbctl-cli.exe' : `zbctl-cli.${suffix}`);
}

describe('zbctl against the embedded broker', () => {
  let tb: TestBroker;
  let home: string;
  const binary = zbctlBinary();

  /** Runs zbctl with `--insecure --address 127.0.0.1:PORT`, in the fixtures folder, with a clean environment. */
  function zbctl(...args: string[]): Promise<CliResult> {
    return new Promise((resolve) => {
      execFile(
        binary,
        [...args, '--insecure', '--address', tb.address, '--requestTimeout', '10s'],
        {
          cwd: path.dirname(fixturePath('one-task.bpmn')),
          env: { PATH: process.env.PATH ?? '', HOME: home },
          timeout: 30_000,
        },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  beforeAll(async () => {
    home = await mkdtemp(path.join(os.tmpdir(), 'streetflow-zbctl-home-'));
    tb = await startTestBroker();
  });

  afterAll(async () => {
    await tb?.stop();
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('should print a single healthy leader for `zbctl status`', async () => {
    // when
    const res = await zbctl('status');

    // then
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const lines = res.stdout.split('\n').map((l) => l.trimEnd());
    expect(lines.slice(0, 3)).toEqual(['Cluster size: 1', 'Partitions count: 1', 'Replication factor: 1']);
    expect(lines[3]).toMatch(/^Gateway version: 8\.\d+\.\d+/);
    expect(lines[4]).toBe('Brokers:');
    expect(lines[5]).toMatch(/^ {2}Broker 0 - \S+:\d+$/);
    expect(lines[6]).toMatch(/^ {4}Version: 8\.\d+\.\d+/);
    expect(lines[7]).toBe('    Partition 1 : Leader, Healthy');
  });

  it('should print the topology as JSON for `zbctl status -o json`', async () => {
    // when
    const res = await zbctl('status', '-o', 'json');

    // then
    expect(res.code).toBe(0);
    const topology = JSON.parse(res.stdout) as {
      clusterSize: number;
      partitionsCount: number;
      brokers: { nodeId: number; port: number; partitions: { partitionId: number; role: string; health: string }[] }[];
    };
    expect(topology.clusterSize).toBe(1);
    expect(topology.partitionsCount).toBe(1);
    expect(topology.brokers).toHaveLength(1);
    expect(topology.brokers[0].nodeId).toBe(0);
    expect(topology.brokers[0].partitions).toEqual([{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }]);
  });

  it('should deploy a BPMN file with `zbctl deploy resource` (DeployResource)', async () => {
    // when
    const res = await zbctl('deploy', 'resource', 'one-task.bpmn');

    // then the deployment answer names version 1 of client-one-task
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const body = JSON.parse(res.stdout) as {
      key: string;
      deployments: { process?: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string } }[];
    };
    expect(body.key).toMatch(/^[1-9]\d*$/);
    expect(body.deployments).toHaveLength(1);
    expect(body.deployments[0].process).toMatchObject({
      bpmnProcessId: 'client-one-task',
      version: 1,
      resourceName: 'one-task.bpmn',
    });
    expect(body.deployments[0].process?.processDefinitionKey).toMatch(/^[1-9]\d*$/);
  });

  it('should deploy with the deprecated `zbctl deploy <file>` (DeployProcess) and see the unchanged model as the same version', async () => {
    // given client-one-task deployed by the previous test
    // when the same file is deployed through the deprecated RPC
    const res = await zbctl('deploy', 'one-task.bpmn');

    // then the answer lists the existing version 1
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const body = JSON.parse(res.stdout) as {
      key: string;
      processes: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string }[];
    };
    expect(body.processes).toHaveLength(1);
    expect(body.processes[0]).toMatchObject({ bpmnProcessId: 'client-one-task', version: 1, resourceName: 'one-task.bpmn' });
  });

  it('should create an instance with `zbctl create instance` and print its keys', async () => {
    // when
    const res = await zbctl('create', 'instance', 'client-one-task', '--variables', '{"applicationNo":"Z-1"}');

    // then
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const body = JSON.parse(res.stdout) as {
      processDefinitionKey: string;
      bpmnProcessId: string;
      version: number;
      processInstanceKey: string;
    };
    expect(body.bpmnProcessId).toBe('client-one-task');
    expect(body.version).toBe(1);
    expect(body.processInstanceKey).toMatch(/^[1-9]\d*$/);
    expect(body.processDefinitionKey).toMatch(/^[1-9]\d*$/);
  });

  it('should activate the instance job with `zbctl activate jobs` and complete it with `zbctl complete job`', async () => {
    // given the instance created by the previous test waits at its service task
    // when a job of its type is activated
    const activated = await zbctl('activate', 'jobs', 'client-stamp', '--worker', 'zbctl-test', '--timeout', '30s');

    // then it carries the instance's variables and the task's headers
    expect(activated.code).toBe(0);
    const { jobs } = JSON.parse(activated.stdout) as {
      jobs: { key: string; type: string; worker: string; retries: number; elementId: string; customHeaders: string; variables: string }[];
    };
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job).toMatchObject({ type: 'client-stamp', worker: 'zbctl-test', retries: 2, elementId: 'stamp' });
    expect(JSON.parse(job.customHeaders)).toEqual({ stampColour: 'red' });
    expect(JSON.parse(job.variables)).toEqual({ applicationNo: 'Z-1' });

    // and when it is completed
    const completed = await zbctl('complete', 'job', job.key, '--variables', '{"stamped":true}');

    // then zbctl reports the completion
    expect(completed.stderr).toBe('');
    expect(completed.code).toBe(0);
    expect(completed.stdout).toContain(`Completed job with key '${job.key}'`);

    // and completing it again is rejected as NOT_FOUND (the job no longer exists)
    const again = await zbctl('complete', 'job', job.key);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/code = NotFound/);
  });

  it('should fail `zbctl create instance` of an unknown process with NotFound', async () => {
    // when
    const res = await zbctl('create', 'instance', 'client-never-deployed');

    // then
    expect(res.code).not.toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/code = NotFound/);
    expect(res.stderr).toContain('client-never-deployed');
  });
});
