import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express, { type Request, type Response } from 'express';

/**
 * An in-memory implementation of the designer's part of the Streetflow HTTP API contract, used to
 * develop and screenshot the designer while the real case service is being built. The end-to-end
 * test itself runs against the real application.
 */

interface SeedOffice { code: string; name: string; kind: string; posts?: { code: string; name: string }[] }

/** The same organisation the real application seeds (processes/seed/org.json). */
const OFFICES = (JSON.parse(readFileSync(fileURLToPath(new URL('../../../processes/seed/org.json', import.meta.url)), 'utf8')) as { offices: SeedOffice[] })
  .offices.map((o) => ({
    code: o.code, name: o.name, kind: o.kind, groupId: `office:${o.code}`,
    posts: (o.posts ?? []).map((p) => ({ code: p.code, name: p.name, groupId: `post:${p.code}` })),
  }));

interface Version { version: number; processDefinitionKey: string; resourceName: string; deployedBy: string; deployedAt: string; changeNote: string; xml: string; forms: { formId: string; schema: unknown }[] }
interface Draft { id: string; bpmnProcessId: string; name: string; updatedAt: string; updatedBy: string; xml: string; forms: unknown[] }

function processInfo(xml: string): { id: string; name: string } {
  const m = /<bpmn:process\b[^>]*>/.exec(xml) ?? /<process\b[^>]*>/.exec(xml);
  const tag = m?.[0] ?? '';
  return { id: /\bid="([^"]+)"/.exec(tag)?.[1] ?? 'unknown', name: /\bname="([^"]*)"/.exec(tag)?.[1] ?? '' };
}

/** Starts the mock API (and the built designer) on 127.0.0.1 at a free port. */
export async function startMockApi(designerDir?: string): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.use(express.json({ limit: '5mb' }));
  const sessions = new Map<string, string>();
  const processes = new Map<string, { name: string; versions: Version[] }>();
  const drafts = new Map<string, Draft>();
  let keySeq = 2251799813685249;

  const user = { id: 'u1', username: 'owner', displayName: '王主任', roles: ['process-owner'], offices: [{ code: 'jgzhb', name: '机关综合办公室' }], posts: [] };
  const problem = (res: Response, status: number, title: string, extra: Record<string, unknown> = {}) =>
    res.status(status).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title, status, ...extra }));
  const authed = (req: Request, res: Response): boolean => {
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (token && sessions.has(token)) return true;
    problem(res, 401, 'Unauthorized');
    return false;
  };

  app.post('/api/auth/login', (req, res) => {
    if (req.body?.username !== 'owner' || req.body?.password !== 'demo123') return void problem(res, 401, '用户名或密码错误');
    const token = randomUUID();
    sessions.set(token, 'u1');
    res.json({ token, expiresAt: new Date(Date.now() + 8 * 3600_000).toISOString(), user });
  });
  app.post('/api/auth/logout', (req, res) => void res.status(204).end());
  app.get('/api/auth/me', (req, res) => void (authed(req, res) && res.json(user)));
  app.get('/api/org/offices', (req, res) => void (authed(req, res) && res.json(OFFICES)));
  app.get('/api/processes', (req, res) => {
    if (!authed(req, res)) return;
    res.json([...processes.entries()].map(([id, p]) => ({
      bpmnProcessId: id, name: p.name, latestVersion: p.versions.length, runningInstances: p.versions.length > 1 ? 3 : 0,
      updatedAt: p.versions.at(-1)?.deployedAt,
      versions: p.versions.map(({ xml: _x, forms: _f, ...v }) => v),
    })));
  });
  app.get('/api/processes/:id/versions/:v', (req, res) => {
    if (!authed(req, res)) return;
    const v = processes.get(String(req.params.id))?.versions[Number(req.params.v) - 1];
    if (!v) return void problem(res, 404, 'Not found');
    res.json(v);
  });
  app.post('/api/deployments', (req, res) => {
    if (!authed(req, res)) return;
    const resources = (req.body?.resources ?? []) as { name: string; content: string }[];
    const bpmn = resources.find((r) => r.name.endsWith('.bpmn'));
    if (!bpmn) return void problem(res, 400, 'No BPMN resource');
    const bad = /<bpmn:serviceTask id="([^"]+)"(?:(?!<\/bpmn:serviceTask>)[\s\S])*?<\/bpmn:serviceTask>/g;
    for (const m of bpmn.content.matchAll(bad)) {
      if (!m[0].includes('zeebe:taskDefinition')) {
        return void problem(res, 400, 'Deployment rejected', { detail: 'Command rejected', errors: [{ element: m[1], message: `Element: ${m[1]} — Must have exactly one 'zeebe:taskDefinition' extension element` }] });
      }
    }
    // like the case service, refuse candidate groups that are not in the organisation directory
    const known = new Set(OFFICES.flatMap((o) => [o.groupId, ...o.posts.map((x) => x.groupId)]));
    const unknown = [...bpmn.content.matchAll(/<bpmn:userTask id="([^"]+)"[\s\S]*?candidateGroups="([^"=][^"]*)"/g)].filter((m) => !known.has(m[2]!));
    if (unknown.length > 0) {
      return void problem(res, 400, 'Deployment rejected', {
        detail: 'Command rejected',
        errors: unknown.map((m) => ({ element: m[1], message: `Element: ${m[1]} — unknown candidate group '${m[2]}'` })),
      });
    }
    const info = processInfo(bpmn.content);
    const p = processes.get(info.id) ?? { name: info.name, versions: [] };
    p.name = info.name || p.name;
    const forms = resources.filter((r) => r.name.endsWith('.form')).map((r) => {
      const schema = JSON.parse(r.content) as { id: string };
      return { formId: schema.id, schema };
    });
    const v: Version = {
      version: p.versions.length + 1, processDefinitionKey: String(keySeq++), resourceName: bpmn.name, deployedBy: user.displayName,
      deployedAt: new Date().toISOString(), changeNote: String(req.body?.changeNote ?? ''), xml: bpmn.content, forms,
    };
    p.versions.push(v);
    processes.set(info.id, p);
    res.status(201).json({ deploymentKey: String(keySeq++), processes: [{ bpmnProcessId: info.id, version: v.version, processDefinitionKey: v.processDefinitionKey, resourceName: bpmn.name }], forms: forms.map((f) => ({ formId: f.formId, version: 1, formKey: String(keySeq++) })) });
  });
  app.get('/api/drafts', (req, res) => void (authed(req, res) && res.json([...drafts.values()].map(({ xml: _x, forms: _f, ...d }) => d))));
  app.post('/api/drafts', (req, res) => {
    if (!authed(req, res)) return;
    const xml = String(req.body?.xml ?? '');
    const d: Draft = { id: randomUUID(), bpmnProcessId: processInfo(xml).id, name: String(req.body?.name ?? ''), updatedAt: new Date().toISOString(), updatedBy: user.displayName, xml, forms: req.body?.forms ?? [] };
    drafts.set(d.id, d);
    res.status(201).json(d);
  });
  app.get('/api/drafts/:id', (req, res) => {
    if (!authed(req, res)) return;
    const d = drafts.get(String(req.params.id));
    if (!d) return void problem(res, 404, 'Not found');
    res.json(d);
  });
  app.put('/api/drafts/:id', (req, res) => {
    if (!authed(req, res)) return;
    const d = drafts.get(String(req.params.id));
    if (!d) return void problem(res, 404, 'Not found');
    if (req.body?.xml) { d.xml = req.body.xml; d.bpmnProcessId = processInfo(d.xml).id; }
    if (req.body?.name) d.name = req.body.name;
    if (req.body?.forms) d.forms = req.body.forms;
    d.updatedAt = new Date().toISOString();
    res.json(d);
  });
  app.delete('/api/drafts/:id', (req, res) => { drafts.delete(String(req.params.id)); res.status(204).end(); });

  if (designerDir && existsSync(path.join(designerDir, 'index.html'))) {
    app.use(express.static(designerDir));
    app.get(/^\/(?!api\/).*/, (_req, res) => res.sendFile(path.join(designerDir, 'index.html')));
  }
  const server: Server = await new Promise((resolve) => { const s = app.listen(0, '127.0.0.1', () => resolve(s)); });
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
