/**
 * Starts the real application for tests: embedded document store and broker on free ports in a
 * temp dir, mongoose + zeebe-node, the case service and the HTTP app on 127.0.0.1:0.
 * `restart()` stops everything (keeping the data dir) and starts it again.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Connection } from 'mongoose';
import type { ZBClient } from 'zeebe-node';
import { startBroker, type RunningBroker } from '../../../engine/broker/index.ts';
import { startDocDb, type RunningDocDb } from '../../../engine/docdb/index.ts';
import { createApp } from '../../../engine/app/http/create-app.ts';
import { listen, type HttpServer } from '../../../engine/app/http/http-server.ts';
import { connectMongo } from '../../../engine/app/infra/mongo.ts';
import { createZeebeClient } from '../../../engine/app/infra/zeebe.ts';
import { createLogger } from '../../../engine/app/logger.ts';
import { loadConfig } from '../../../engine/app/config/config.ts';
import { startCaseService, type CaseService, type CaseServiceOptions } from '../../../engine/app/case-service.ts';

/** Demo password of every seeded user (processes/seed/users.json). */
export const DEMO_PASSWORD = 'tongcheng2026';

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

export class AppHarness {
  dataDir = '';
  docdb!: RunningDocDb;
  broker!: RunningBroker;
  mongo!: Connection;
  zeebe!: ZBClient;
  service!: CaseService;
  http!: HttpServer;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly overrides: Partial<CaseServiceOptions> = {}) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.http.port}`;
  }

  async start(): Promise<this> {
    if (!this.dataDir) this.dataDir = await mkdtemp(path.join(os.tmpdir(), 'streetflow-app-'));
    this.docdb = await startDocDb({ port: 0, host: '127.0.0.1', dataDir: path.join(this.dataDir, 'docdb') });
    this.broker = await startBroker({ port: 0, host: '127.0.0.1', dataDir: path.join(this.dataDir, 'broker') });
    const logger = createLogger((process.env.TEST_LOG_LEVEL as 'info' | undefined) ?? 'silent');
    this.mongo = await connectMongo(this.docdb.uri);
    this.zeebe = createZeebeClient(this.broker.address);
    const config = loadConfig({ DATA_DIR: this.dataDir, PORT: '0' });
    this.service = await startCaseService({
      config,
      logger,
      zeebe: this.zeebe,
      zeebeAddress: this.broker.address,
      mongo: this.mongo,
      broker: this.broker,
      auth: { bcryptRounds: 4 },
      sweepIntervalMs: 3_600_000,
      ...this.overrides,
    });
    const app = createApp({ logger, readiness: [], isShuttingDown: () => false, apiRouters: this.service.routers });
    this.http = await listen(app, 0, '127.0.0.1');
    this.tokens.clear();
    return this;
  }

  /** Stops the application and its servers; the data dir stays for a restart. */
  async stop(): Promise<void> {
    await this.http?.close(500);
    await this.service?.stop();
    await this.zeebe?.close();
    await this.mongo?.close();
    await this.broker?.stop();
    await this.docdb?.stop();
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async close(): Promise<void> {
    await this.stop();
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }

  /** Logs a seeded user in (cached token). */
  async login(username: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const r = await this.request<{ token: string }>('POST', '/api/auth/login', { username, password: DEMO_PASSWORD });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    this.tokens.set(username, r.body.token);
    return r.body.token;
  }

  /** Calls the API as a user (or anonymously with user null). */
  async as<T = unknown>(user: string | null, method: string, url: string, body?: unknown): Promise<ApiResponse<T>> {
    const token = user ? await this.login(user) : undefined;
    return this.request<T>(method, url, body, token);
  }

  async request<T = unknown>(method: string, url: string, body?: unknown, token?: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const res = await fetch(this.baseUrl + url, {
      method,
      headers: { ...(body !== undefined && !(body instanceof Uint8Array) ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : body instanceof Uint8Array ? Buffer.from(body) : JSON.stringify(body),
    });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : type.includes('pdf') || type.includes('octet') ? Buffer.from(await res.arrayBuffer()) : await res.text();
    return { status: res.status, body: parsed as T, headers: res.headers };
  }
}

/** Polls until `probe` returns a value other than undefined/false, or fails after timeoutMs. */
export async function eventually<T>(probe: () => Promise<T | undefined | false | null>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false && v !== null) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
