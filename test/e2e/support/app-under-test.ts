import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startMockApi } from './mock-api.ts';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

/** A running Streetflow (or the contract mock) for browser tests. */
export interface AppUnderTest { url: string; username: string; password: string; stop: () => Promise<void> }

/** The first process owner of the seed data and the documented demo password (processes/seed/users.json). */
function seedProcessOwner(): { username: string; password: string } {
  const seed = JSON.parse(readFileSync(path.join(repo, 'processes', 'seed', 'users.json'), 'utf8')) as {
    demoPassword: string; users: { username: string; roles: string[] }[];
  };
  const owner = seed.users.find((u) => u.roles.includes('process-owner'));
  if (!owner) throw new Error('processes/seed/users.json has no process-owner user');
  return { username: owner.username, password: seed.demoPassword };
}

/** Builds the designer once if designer/dist is missing. */
export function ensureDesignerBuilt(): string {
  const dist = path.join(repo, 'designer', 'dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'designer/vite.config.ts'], { cwd: repo, stdio: 'ignore' });
  }
  return dist;
}

/** Waits for the app to print its URL and answer /readyz. */
async function waitReady(url: () => string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`app exited with ${child.exitCode}:\n${log()}`);
    if (url()) {
      try {
        const res = await fetch(`${url()}/readyz`);
        if (res.ok) return;
      } catch {
        // not answering yet
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`app not ready after ${timeoutMs} ms:\n${log()}`);
}

/**
 * Starts the real application (`tsx engine/app/main.ts`) on free ports with a temporary DATA_DIR,
 * or the contract mock when STREETFLOW_E2E_MOCK=1 (for working on the designer alone).
 */
export async function startApp(): Promise<AppUnderTest> {
  const dist = ensureDesignerBuilt();
  const seed = seedProcessOwner();
  const username = process.env.STREETFLOW_E2E_USER ?? seed.username;
  const password = process.env.STREETFLOW_E2E_PASSWORD ?? seed.password;
  if (process.env.STREETFLOW_E2E_MOCK === '1') {
    const mock = await startMockApi(dist);
    return { url: mock.url, username: 'owner', password: 'demo123', stop: mock.close };
  }
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'streetflow-e2e-'));
  // Port 0 everywhere: the servers bind free ports themselves and the app prints its URL. (Picking
  // free ports here and passing them on left a window in which another process could take one.)
  let output = '';
  let url = '';
  const child = spawn('npx', ['tsx', 'engine/app/main.ts'], {
    cwd: repo,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ZEEBE_PORT: '0', MONGODB_PORT: '0', ZEEBE_ADDRESS: '', MONGODB_URI: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const onOutput = (d: Buffer): void => {
    output = (output + d.toString()).slice(-8000);
    const m = /open (http:\/\/\S+?)\/?\s/.exec(output);
    if (!url && m) url = m[1]!;
  };
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.pid) {
      const exited = new Promise((r) => child.once('exit', r));
      process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitReady(() => url, child, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, username, password, stop };
}
