import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface Service {
  image?: string;
  build?: unknown;
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] | string; interval?: string };
  depends_on?: Record<string, { condition: string }>;
  volumes?: string[];
  command?: string[] | string;
}
interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

const compose = parse(readFileSync(new URL('../../../docker-compose.yml', import.meta.url), 'utf8')) as ComposeFile;

describe('docker-compose.yml', () => {
  it('should define zeebe, mongodb and the app', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'mongodb', 'zeebe']);
  });

  it('should run a real Zeebe 8.x with the plaintext gateway on 26500 and a healthcheck', () => {
    const z = compose.services.zeebe;
    expect(z.image).toMatch(/^camunda\/zeebe:8\.\d+/);
    expect(z.ports).toContain('26500:26500');
    expect(z.healthcheck?.test).toBeDefined();
    expect(z.volumes?.some((v) => v.startsWith('zeebe-data:'))).toBe(true);
  });

  it('should run MongoDB as a single-node replica set with a healthcheck', () => {
    const m = compose.services.mongodb;
    expect(m.image).toMatch(/^mongo:\d/);
    expect(JSON.stringify(m.command)).toContain('--replSet');
    expect(JSON.stringify(m.healthcheck?.test)).toContain('rs.initiate');
    expect(m.volumes?.some((v) => v.startsWith('mongo-data:'))).toBe(true);
  });

  it('should build the app from the Dockerfile and wire it by ZEEBE_ADDRESS and MONGODB_URI', () => {
    const app = compose.services.app;
    expect(app.build).toBeDefined();
    expect(app.environment?.ZEEBE_ADDRESS).toBe('zeebe:26500');
    expect(app.environment?.MONGODB_URI).toMatch(/^mongodb:\/\/mongodb:27017\/.*replicaSet=rs0/);
    expect(app.depends_on?.zeebe?.condition).toBe('service_healthy');
    expect(app.depends_on?.mongodb?.condition).toBe('service_healthy');
    expect(app.healthcheck?.test).toBeDefined();
    expect(app.ports).toContain('8080:8080');
  });

  it('should declare the named data volumes', () => {
    expect(Object.keys(compose.volumes ?? {}).sort()).toEqual(['app-data', 'mongo-data', 'zeebe-data']);
  });
});
