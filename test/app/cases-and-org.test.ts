import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness } from './support/app-harness.ts';
import { fileRebuildCase, type CaseDto } from './support/case-steps.ts';

describe('case filing, attachments and the organisation directory', () => {
  const h = new AppHarness({ upload: { maxBytes: 64 * 1024 } });
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should number cases from an atomic counter without gaps under concurrent filing', async () => {
    const filed = await Promise.all(Array.from({ length: 6 }, (_, i) => fileRebuildCase(h, i % 2 ? 'agent.chen' : 'agent.wu')));
    const seqs = filed.map((c) => Number(c.caseNumber.slice(-6))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(6);
    expect(seqs.at(-1)! - seqs[0]!).toBe(5);
  });

  it('should store attachments in GridFS within the size and type limits', async () => {
    const c = await fileRebuildCase(h);
    const pdf = Buffer.from('%PDF-1.4\n% 宅基地证明复印件\n%%EOF\n');
    const token = await h.login('agent.chen');
    const up = await h.request<{ fileId: string; url: string; size: number }>('POST', `/api/cases/${c.id}/attachments?name=${encodeURIComponent('宅基地证.pdf')}`, pdf, token, { 'content-type': 'application/pdf' });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.size).toBe(pdf.length);
    const down = await h.request<Buffer>('GET', up.body.url, undefined, token);
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.body, pdf)).toBe(0);
    const exe = await h.request<{ field: string }>('POST', `/api/cases/${c.id}/attachments?name=x.exe`, Buffer.from('MZ'), token, { 'content-type': 'application/x-msdownload' });
    expect(exe.status).toBe(415);
    expect(exe.body.field).toBe('header.content-type');
    const big = await h.request('POST', `/api/cases/${c.id}/attachments?name=big.pdf`, Buffer.alloc(65 * 1024, 1), token, { 'content-type': 'application/pdf' });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    const detail = await h.as<CaseDto>('agent.chen', 'GET', `/api/cases/${c.id}`);
    expect(detail.body.attachments.map((a) => a.name)).toEqual(['宅基地证.pdf']);
    const history = await h.as<Array<{ action: string; actor: string }>>('auditor.lin', 'GET', `/api/cases/${c.id}/history`);
    expect(history.body.find((e) => e.action === 'case.attachment-added')?.actor).toBe('agent.chen');
  });

  it('should list only the cases an agent may see, with filters', async () => {
    const mine = await fileRebuildCase(h, 'agent.chen');
    const seenByChen = await h.as<CaseDto[]>('agent.chen', 'GET', `/api/cases?q=${encodeURIComponent(mine.caseNumber)}`);
    expect(seenByChen.body.map((c) => c.id)).toEqual([mine.id]);
    expect((await h.as<CaseDto[]>('office.guo', 'GET', '/api/cases')).body).toEqual([]);
    expect((await h.as<CaseDto[]>('auditor.lin', 'GET', '/api/cases?status=running&process=jiuzhi-chongjian')).body.length).toBeGreaterThan(0);
    expect((await h.as<{ field: string }>('auditor.lin', 'GET', '/api/cases?status=nonsense')).body.field).toBe('query.status');
  });

  it('should describe Tongcheng’s offices, posts, users, villages and calendar', async () => {
    const offices = await h.as<Array<{ code: string; name: string; kind: string; groupId: string; posts: Array<{ groupId: string }> }>>('agent.chen', 'GET', '/api/org/offices');
    const kinds = offices.body.map((o) => o.kind);
    expect([kinds.filter((k) => k === '办').length, kinds.filter((k) => k === '中心').length, kinds.filter((k) => k === '大队').length, kinds.filter((k) => k === '外部').length]).toEqual([5, 1, 1, 1]);
    expect(offices.body.find((o) => o.code === 'cg')).toMatchObject({ name: '福鼎市城市管理局（城管）', groupId: 'office:cg' });
    expect(offices.body.find((o) => o.code === 'qyfzb')!.posts.map((p) => p.groupId)).toContain('post:qyfzb.reviewer');
    const villages = await h.as<Array<{ kind: string }>>('agent.chen', 'GET', '/api/org/villages');
    expect(villages.body.filter((v) => v.kind === '社区')).toHaveLength(7);
    expect(villages.body.filter((v) => v.kind === '村')).toHaveLength(15);
    const users = await h.as<Array<{ username: string; offices: Array<{ code: string }> }>>('agent.chen', 'GET', '/api/org/users?office=cg');
    expect(users.body.map((u) => u.username).sort()).toEqual(['cg.sun', 'cg.zhao']);
    expect(JSON.stringify(users.body)).not.toContain('passwordHash');
    const cal = await h.as<{ holidays: string[]; workdays: string[] }>('agent.chen', 'GET', '/api/calendar');
    expect(cal.body.holidays).toContain('2026-10-01');
    // only admins change the calendar, and dates are validated
    expect((await h.as('owner.zhang', 'PUT', '/api/calendar', cal.body)).status).toBe(403);
    expect((await h.as<{ field: string }>('admin', 'PUT', '/api/calendar', { holidays: ['1 Oct'], workdays: [] })).body.field).toBe('body.holidays.0');
    expect((await h.as('admin', 'PUT', '/api/calendar', { ...cal.body, holidays: [...cal.body.holidays, '2026-12-24'] })).status).toBe(200);
    expect(h.service.ctx.sla.workingCalendar.isWorkingDay(new Date('2026-12-24T12:00:00+08:00'))).toBe(false);
  });

  it('should seed idempotently: a second start creates no users and keeps changed accounts', async () => {
    const before = await h.service.models.User.countDocuments({});
    await h.service.models.User.updateOne({ username: 'office.qian' }, { $set: { displayName: '钱主任', passwordHash: 'changed' } });
    await h.restart();
    expect(await h.service.models.User.findOne({ username: 'office.qian' }).lean()).toMatchObject({ displayName: '钱主任', passwordHash: 'changed' });
    expect(await h.service.models.User.countDocuments({})).toBe(before);
    expect(await h.service.models.Office.countDocuments({})).toBe(8);
  });
});
