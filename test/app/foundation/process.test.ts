import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { START_TIMEOUT_MS, startAppProcess } from '../../support/app-process.ts';

/** Each test starts the app as a child process: its start budget plus room to stop it. */
const TEST_TIMEOUT_MS = START_TIMEOUT_MS + 30_000;

describe('the application process', () => {
  it('should start the embedded broker and document store, report ready, and exit 0 on SIGTERM', async () => {
    const app = await startAppProcess();
    try {
      const ready = await fetch(`${app.url}/readyz`);
      const body = (await ready.json()) as { status: string; dependencies: Record<string, { ok: boolean }> };
      expect(ready.status).toBe(200);
      expect(body.dependencies.zeebe.ok).toBe(true);
      expect(body.dependencies.mongodb.ok).toBe(true);

      const code = await app.stop('SIGTERM');
      expect(code).toBe(0);
      expect(app.output()).toContain('shutdown complete');
    } finally {
      await app.stop('SIGKILL');
      app.cleanup();
    }
  }, TEST_TIMEOUT_MS);

  it('should refuse to start with a bad variable, naming it, without a stack trace', async () => {
    await expect(startAppProcess({ env: { LOG_LEVEL: 'shouting' } })).rejects.toThrow(
      /exited with 2[\s\S]*LOG_LEVEL: "shouting" is not a log level/,
    );
  }, TEST_TIMEOUT_MS);

  it('should say which embedded server failed and how to use an external one', async () => {
    // Given the broker's port is taken by another program
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      // When Streetflow starts with the embedded broker on that port
      const err = await startAppProcess({ env: { ZEEBE_PORT: String(taken) } }).then(
        () => null,
        (e: Error) => e,
      );
      // Then it exits 1 naming the broker and the way out, without a stack trace
      expect(err?.message).toMatch(/exited with 1/);
      expect(err?.message).toContain('ZEEBE_ADDRESS is not set, so Streetflow tried to start its embedded Zeebe-compatible broker, which failed');
      expect(err?.message).toContain('set ZEEBE_ADDRESS=host:port of a Zeebe gateway');
      expect(err?.message).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  }, TEST_TIMEOUT_MS);
});
