/** Parent side of the broker child process: start, ask for memory, stop, kill. */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChildMessage, MemorySample, ParentMessage } from './broker-ipc.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');

/** A broker running in a child process. */
export interface BrokerChild {
  readonly address: string;
  readonly pid: number;
  /** Time spent inside startBroker (log replay included), ms. */
  readonly startMs: number;
  /** From spawning the process to the broker answering 'ready', ms (includes Node + tsx start). */
  readonly spawnToReadyMs: number;
  memory(): Promise<MemorySample>;
  /** CPU time used by the broker process so far, ms (user + system). */
  cpuMs(): Promise<number>;
  /** Graceful stop; resolves with the time broker.stop() took. */
  stop(): Promise<number>;
  /** SIGKILL, as a crash. */
  kill(): Promise<void>;
}

function waitFor<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`broker child: no '${type}' within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (m: ChildMessage) => {
      if (m.type === type) {
        cleanup();
        resolve(m as Extract<ChildMessage, { type: T }>);
      } else if (m.type === 'error') {
        cleanup();
        reject(new Error(`broker child: ${m.message}`));
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      cleanup();
      reject(new Error(`broker child exited (code ${code}, signal ${signal}) while waiting for '${type}'`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

/** Forks bench/broker/broker-process.ts on `dataDir` and waits until it listens. */
export async function startBrokerChild(dataDir: string, cpuProfDir?: string, readyTimeoutMs = 120_000): Promise<BrokerChild> {
  const execArgv = ['--import', 'tsx', '--expose-gc'];
  if (cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`);
  const t0 = performance.now();
  const child = fork(path.join(here, 'broker-process.ts'), [], {
    cwd: repoRoot,
    execArgv,
    env: { ...process.env, BENCH_BROKER_DATA_DIR: dataDir },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const ready = await waitFor(child, 'ready', readyTimeoutMs);
  const spawnToReadyMs = performance.now() - t0;
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const send = (m: ParentMessage) => child.send(m);
  return {
    address: ready.address,
    pid: child.pid ?? -1,
    startMs: ready.startMs,
    spawnToReadyMs,
    async memory() {
      const reply = waitFor(child, 'memory', 30_000);
      send({ type: 'memory' });
      return reply;
    },
    async cpuMs() {
      const reply = waitFor(child, 'cpu', 30_000);
      send({ type: 'cpu' });
      const { userUs, systemUs } = await reply;
      return (userUs + systemUs) / 1000;
    },
    async stop() {
      const reply = waitFor(child, 'stopped', 60_000);
      send({ type: 'stop' });
      const { stopMs } = await reply;
      await exited;
      return stopMs;
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}
