import { createRequire } from 'node:module';
import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { Router } from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../engine/app/http/create-app.ts';
import { listen, type HttpServer } from '../../../engine/app/http/http-server.ts';
import { ProblemError } from '../../../engine/app/http/problem.ts';
import { createLogger } from '../../../engine/app/logger.ts';
import { createZeebeClient, zeebeReadiness } from '../../../engine/app/infra/zeebe.ts';
import type { ReadinessCheck } from '../../../engine/app/http/readiness.ts';

const logger = createLogger('silent');

/** A gRPC server speaking only the gateway's Topology RPC — a reachable "Zeebe" for readiness. */
async function startTopologyServer(): Promise<{ port: number; stop(): void }> {
  const require = createRequire(import.meta.url);
  const protoPath = path.join(path.dirname(require.resolve('@camunda8/sdk/package.json')), 'dist/proto/zeebe.proto');
  const def = protoLoader.loadSync(protoPath, { keepCase: true, longs: String, defaults: true });
  const pkg = grpc.loadPackageDefinition(def) as unknown as { gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } } };
  const server = new grpc.Server();
  server.addService(pkg.gateway_protocol.Gateway.service, {
    Topology: (_call: unknown, cb: grpc.sendUnaryData<unknown>) =>
      cb(null, { brokers: [{ nodeId: 0, host: '127.0.0.1', port: 26501, partitions: [{ partitionId: 1, role: 0, health: 0 }], version: '8.6.0' }], clusterSize: 1, partitionsCount: 1, replicationFactor: 1, gatewayVersion: '8.6.0' }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, stop: () => server.forceShutdown() };
}

const failing: ReadinessCheck = { name: 'mongodb', target: 'mongodb://127.0.0.1:1', check: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) };
const passing: ReadinessCheck = { name: 'mongodb', target: 'mongodb://test', check: () => Promise.resolve('ping ok') };

describe('HTTP shell', () => {
  let topology: { port: number; stop(): void };
  beforeAll(async () => {
    topology = await startTopologyServer();
  });
  afterAll(() => topology.stop());

  async function serve(readiness: ReadinessCheck[], routers: Router[] = []): Promise<{ http: HttpServer; url: string }> {
    const app = createApp({ logger, readiness, isShuttingDown: () => false, apiRouters: routers });
    const http = await listen(app, 0, '127.0.0.1');
    return { http, url: `http://127.0.0.1:${http.port}` };
  }

  it('should answer /healthz as JSON', async () => {
    const { http, url } = await serve([]);
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
    await http.close();
  });

  it('should be ready when the Zeebe gateway answers Topology and MongoDB answers ping', async () => {
    const address = `127.0.0.1:${topology.port}`;
    const zeebe = createZeebeClient(address);
    const { http, url } = await serve([zeebeReadiness(zeebe, address), passing]);
    const res = await fetch(`${url}/readyz`);
    const body = (await res.json()) as { status: string; dependencies: Record<string, { ok: boolean; detail: string }> };
    expect(res.status).toBe(200);
    expect(body.status).toBe('ready');
    expect(body.dependencies.zeebe).toMatchObject({ ok: true });
    expect(body.dependencies.zeebe.detail).toContain('1 broker(s)');
    await http.close();
    await zeebe.close();
  });

  it('should not be ready, naming the dependency, when Zeebe or MongoDB is unreachable', async () => {
    const address = '127.0.0.1:1';
    const zeebe = createZeebeClient(address);
    const { http, url } = await serve([zeebeReadiness(zeebe, address), failing]);
    const res = await fetch(`${url}/readyz`);
    const body = (await res.json()) as { status: string; dependencies: Record<string, { ok: boolean; detail: string; target: string }> };
    expect(res.status).toBe(503);
    expect(body.status).toBe('not-ready');
    expect(body.dependencies.zeebe.ok).toBe(false);
    expect(body.dependencies.mongodb).toMatchObject({ ok: false, target: 'mongodb://127.0.0.1:1' });
    expect(body.dependencies.mongodb.detail).toContain('ECONNREFUSED');
    await http.close();
    await zeebe.close();
  });

  it('should answer unknown routes and thrown problems as application/problem+json with a request id', async () => {
    const r = Router();
    r.get('/boom', () => {
      throw new ProblemError(422, 'Unprocessable case', 'applicant.name is required', { field: 'applicant.name' });
    });
    r.get('/crash', () => {
      throw new Error('secret internals');
    });
    r.post('/echo', (req, res) => res.json(req.body));
    const { http, url } = await serve([], [r]);

    const missing = await fetch(`${url}/api/nothing`, { headers: { 'x-request-id': 'req-42' } });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Not Found', requestId: 'req-42' });

    const boom = await fetch(`${url}/api/boom`);
    expect(boom.status).toBe(422);
    expect(await boom.json()).toMatchObject({ title: 'Unprocessable case', detail: 'applicant.name is required', field: 'applicant.name' });

    const crash = await fetch(`${url}/api/crash`);
    const crashBody = (await crash.json()) as { detail: string };
    expect(crash.status).toBe(500);
    expect(crashBody.detail).not.toContain('secret');

    const bad = await fetch(`${url}/api/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ title: 'Malformed JSON body' });
    await http.close();
  });

  it('should finish an in-flight request during a graceful close and refuse new connections', async () => {
    // the handler answers only when the test lets it, once the close has begun (no sleeps: under
    // load a fixed pause could end before the request even reached the server)
    let arrived!: () => void;
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const r = Router();
    r.get('/slow', (_req, res) => {
      arrived();
      void released.then(() => res.json({ done: true }));
    });
    const { http, url } = await serve([], [r]);
    const inFlight = fetch(`${url}/api/slow`);
    await inHandler;
    const closed = http.close();
    release();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ done: true });
    await closed;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
