import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, DEMO_PASSWORD } from './support/app-harness.ts';
import { fileRebuildCase, openTask } from './support/case-steps.ts';

interface OpenApi {
  paths: Record<string, Record<string, { 'x-roles': 'public' | 'any' | string[] }>>;
}

/** Seeded users and their roles (processes/seed/users.json). */
const USERS: Record<string, string[]> = {
  'agent.chen': ['agent'],
  'auditor.lin': ['auditor'],
  'owner.zhang': ['process-owner'],
};

const concrete = (path: string) => path.replace(/\{[^}]+\}/g, '0123456789abcdef01234567').replace(/^\/api/, '/api');

describe('role × route boundaries', () => {
  const h = new AppHarness();
  let spec: OpenApi;
  beforeAll(async () => {
    await h.start();
    spec = (await h.request<OpenApi>('GET', '/api/openapi.json')).body;
  });
  afterAll(async () => {
    await h.close();
  });

  it('should answer 401 problem+json on every protected route without a token', async () => {
    const ops = Object.entries(spec.paths).flatMap(([p, ms]) => Object.entries(ms).filter(([, op]) => op['x-roles'] !== 'public').map(([m]) => [m, p] as const));
    expect(ops.length).toBeGreaterThan(30);
    for (const [method, path] of ops) {
      const r = await h.request(method.toUpperCase(), concrete(path), method === 'get' ? undefined : {});
      expect(r.status, `${method} ${path}`).toBe(401);
      expect(r.headers.get('content-type'), `${method} ${path}`).toContain('application/problem+json');
    }
  });

  it('should answer 403 on every role-restricted route for each seeded role that lacks the role', async () => {
    let checked = 0;
    for (const [path, methods] of Object.entries(spec.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const roles = op['x-roles'];
        if (!Array.isArray(roles)) continue;
        for (const [user, has] of Object.entries(USERS)) {
          if (has.some((r) => roles.includes(r))) continue;
          const r = await h.as<{ status: number; detail: string }>(user, method.toUpperCase(), concrete(path), method === 'get' ? undefined : {});
          expect(r.status, `${user} ${method} ${path}: ${JSON.stringify(r.body)}`).toBe(403);
          expect(r.body.detail).toContain('needs role');
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('should keep auditors read-only and agents inside their offices', async () => {
    const filed = await fileRebuildCase(h, 'agent.chen');
    const task = await openTask(h, 'review.li', filed.id, 'StreetReview');
    // an auditor sees the task and the case but cannot act
    expect((await h.as('auditor.lin', 'GET', `/api/tasks/${task.id}`)).status).toBe(200);
    expect((await h.as('auditor.lin', 'GET', `/api/cases/${filed.id}/history`)).status).toBe(200);
    expect((await h.as('auditor.lin', 'POST', `/api/tasks/${task.id}/complete`, {})).status).toBe(403);
    // an agent of another office (城管) can neither claim nor complete nor see it
    expect((await h.as('cg.zhao', 'POST', `/api/tasks/${task.id}/claim`)).status).toBe(403);
    expect((await h.as('cg.zhao', 'POST', `/api/tasks/${task.id}/complete`, {})).status).toBe(403);
    expect((await h.as('cg.zhao', 'GET', `/api/tasks/${task.id}`)).status).toBe(403);
    expect((await h.as('cg.zhao', 'GET', `/api/cases/${filed.id}`)).status).toBe(403);
    // and the task is not in that agent's worklist
    const other = await h.as<Array<{ id: string }>>('cg.zhao', 'GET', '/api/tasks');
    expect(other.body.some((t) => t.id === task.id)).toBe(false);
    // once claimed by one reviewer, another reviewer of the same post cannot complete it
    expect((await h.as('review.li', 'POST', `/api/tasks/${task.id}/claim`)).status).toBe(200);
    expect((await h.as('review.zhou', 'POST', `/api/tasks/${task.id}/complete`, {})).status).toBe(403);
    // only process owners deploy; agents cannot read drafts
    expect((await h.as('agent.chen', 'GET', '/api/drafts')).status).toBe(403);
  });

  it('should end a session on logout', async () => {
    const login = await h.request<{ token: string }>('POST', '/api/auth/login', { username: 'office.guo', password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    expect((await h.request('GET', '/api/auth/me', undefined, login.body.token)).status).toBe(200);
    expect((await h.request('POST', '/api/auth/logout', undefined, login.body.token)).status).toBe(204);
    const after = await h.request<{ detail: string }>('GET', '/api/auth/me', undefined, login.body.token);
    expect(after.status).toBe(401);
    expect(after.body.detail).toMatch(/ended/);
  });

  it('should answer 401 to a wrong password and 429 after five failures', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await h.request('POST', '/api/auth/login', { username: 'office.feng', password: 'wrong' });
      expect(r.status).toBe(401);
    }
    const blocked = await h.request<{ title: string }>('POST', '/api/auth/login', { username: 'office.feng', password: DEMO_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('content-type')).toContain('application/problem+json');
  });

  it('should name the invalid field of a request body', async () => {
    const r = await h.as<{ field: string; errors: Array<{ field: string }> }>('agent.chen', 'POST', '/api/cases', { bpmnProcessId: 'jiuzhi-chongjian', applicant: { name: '', idNumber: '123' } });
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['body.applicant.name', 'body.applicant.idNumber']));
  });
});
