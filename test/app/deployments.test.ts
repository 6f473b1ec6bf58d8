import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness } from './support/app-harness.ts';

const simple = (id: string, taskExt: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="D_${id}" targetNamespace="x">
  <bpmn:process id="${id}" name="测试流程 ${id}" isExecutable="true">
    <bpmn:startEvent id="Start"><bpmn:outgoing>F1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:serviceTask id="Activity_Check" name="核验">${taskExt}<bpmn:incoming>F1</bpmn:incoming><bpmn:outgoing>F2</bpmn:outgoing></bpmn:serviceTask>
    <bpmn:endEvent id="End"><bpmn:incoming>F2</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Activity_Check" />
    <bpmn:sequenceFlow id="F2" sourceRef="Activity_Check" targetRef="End" />
  </bpmn:process>
</bpmn:definitions>`;
const VALID_TASK = '<bpmn:extensionElements><zeebe:taskDefinition type="notify" /></bpmn:extensionElements>';

interface ProcessList {
  bpmnProcessId: string;
  latestVersion: number;
  versions: Array<{ version: number; deployedBy: string; changeNote: string }>;
}

describe('deployments and drafts', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should deploy the bundled processes at first start with their forms', async () => {
    const list = await h.as<ProcessList[]>('agent.chen', 'GET', '/api/processes');
    expect(list.body.map((p) => p.bpmnProcessId).sort()).toEqual(['jiuzhi-chongjian', 'wangge-shijian']);
    const v = await h.as<{ xml: string; forms: Array<{ formId: string }> }>('agent.chen', 'GET', '/api/processes/jiuzhi-chongjian/versions/1');
    expect(v.body.forms.map((f) => f.formId).sort()).toEqual(['jiuzhi-inspection', 'jiuzhi-intake', 'jiuzhi-review']);
    expect(v.body.xml).toContain('街道联审');
  });

  it('should record who deployed each version and why', async () => {
    const first = await h.as<{ processes: Array<{ version: number }> }>('owner.zhang', 'POST', '/api/deployments', { changeNote: '初版', resources: [{ name: 'v.bpmn', content: simple('versioned', VALID_TASK) }] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    const second = await h.as<{ processes: Array<{ version: number }> }>('owner.zhang', 'POST', '/api/deployments', { changeNote: '改名', resources: [{ name: 'v.bpmn', content: simple('versioned', VALID_TASK).replace('核验', '再核验') }] });
    expect(second.body.processes[0]!.version, JSON.stringify([first.body, second.body])).toBe(first.body.processes[0]!.version + 1);
    const list = await h.as<ProcessList[]>('owner.zhang', 'GET', '/api/processes');
    const p = list.body.find((x) => x.bpmnProcessId === 'versioned')!;
    expect(p.latestVersion).toBe(2);
    expect(p.versions.map((v) => [v.version, v.deployedBy, v.changeNote])).toEqual([
      [2, 'owner.zhang', '改名'],
      [1, 'owner.zhang', '初版'],
    ]);
  });

  it('should return a broker rejection with the element id', async () => {
    const r = await h.as<{ status: number; errors: Array<{ element?: string; message: string }> }>('owner.zhang', 'POST', '/api/deployments', { changeNote: 'broken', resources: [{ name: 'broken.bpmn', content: simple('broken', '') }] });
    expect(r.status).toBe(400);
    expect(r.body.errors.some((e) => e.element === 'Activity_Check' && /taskDefinition/.test(e.message))).toBe(true);
  });

  it('should refuse files that are neither BPMN nor forms, and unreadable forms, naming them', async () => {
    const bad = await h.as<{ field: string }>('owner.zhang', 'POST', '/api/deployments', { resources: [{ name: 'x.txt', content: 'hi' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('body.resources.0.name');
    const form = await h.as<{ detail: string }>('owner.zhang', 'POST', '/api/deployments', { resources: [{ name: 'f.form', content: '{not json' }] });
    expect(form.status).toBe(400);
    expect(form.body.detail).toContain('f.form');
  });

  it('should keep designer drafts: create, list, update, delete', async () => {
    const xml = await readFile(new URL('../../processes/wangge-shijian.bpmn', import.meta.url), 'utf8');
    const created = await h.as<{ id: string; bpmnProcessId: string }>('owner.zhang', 'POST', '/api/drafts', { name: '网格事件 v2 草稿', xml });
    expect(created.status).toBe(201);
    expect(created.body.bpmnProcessId).toBe('wangge-shijian');
    const upd = await h.as<{ name: string; updatedBy: string }>('owner.zhang', 'PUT', `/api/drafts/${created.body.id}`, { name: '网格事件 v2（评审中）' });
    expect(upd.body).toMatchObject({ name: '网格事件 v2（评审中）', updatedBy: 'owner.zhang' });
    expect((await h.as<unknown[]>('owner.zhang', 'GET', '/api/drafts')).body).toHaveLength(1);
    expect((await h.as('owner.zhang', 'DELETE', `/api/drafts/${created.body.id}`)).status).toBe(204);
    expect((await h.as('owner.zhang', 'GET', `/api/drafts/${created.body.id}`)).status).toBe(404);
  });

  it('should describe every route in OpenAPI 3 with a docs page', async () => {
    const doc = await h.request<{ openapi: string; paths: Record<string, unknown> }>('GET', '/api/openapi.json');
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const p of ['/api/cases', '/api/tasks/{id}/transfer', '/api/deployments', '/api/cases/{id}/verify', '/api/events']) expect(Object.keys(doc.body.paths)).toContain(p);
    const page = await h.request<string>('GET', '/api/docs');
    expect(page.body).toContain('/api/openapi.json');
  });
});
