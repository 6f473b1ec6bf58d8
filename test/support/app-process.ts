import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * How long a start may take by default. A cold start compiles the whole app with tsx; on a loaded
 * two-core machine that alone was seen to take more than 45 s (no output at all by then).
 */
export const START_TIMEOUT_MS = 90_000;

/** The whole application started as a child process, as `npm start` runs it. */
export interface AppProcess {
  child: ChildProcess;
  url: string;
  dataDir: string;
  output(): string;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** Removes the data directory (after stop). */
  cleanup(): void;
}

/**
 * Starts `engine/app/main.ts` with embedded servers on free ports and a fresh data directory
 * (or `opts.dataDir` to restart on existing data), and waits for its "open http://…" line.
 */
export async function startAppProcess(opts: { dataDir?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<AppProcess> {
  const dataDir = opts.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'streetflow-app-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'engine/app/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', ZEEBE_PORT: '0', MONGODB_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ZEEBE_ADDRESS: '', MONGODB_URI: '', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL'); // do not leave a half-started app (and its servers) behind
      reject(new Error(`app did not start within ${opts.timeoutMs ?? START_TIMEOUT_MS} ms:\n${out}`));
    }, opts.timeoutMs ?? START_TIMEOUT_MS);
    const poll = setInterval(() => {
      const m = /open (http:\/\/\S+?)\/?\s/.exec(out);
      if (m) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    }, 50);
    void exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`app exited with ${code} before it was ready:\n${out}`));
    });
  });

  return {
    child,
    url,
    dataDir,
    output: () => out,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode !== null) return Promise.resolve(child.exitCode);
      child.kill(signal);
      return exited;
    },
    cleanup: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
