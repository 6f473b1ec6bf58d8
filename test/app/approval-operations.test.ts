import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, eventually } from './support/app-harness.ts';
import { INSPECTION_FORM, REVIEW_FORM, fileRebuildCase, openTask, type TaskDto, caseHistory, taskOperation } from './support/case-steps.ts';

describe('approval operations', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const history = (caseId: string) => caseHistory(h, caseId);
  const post = (user: string, id: string, op: string, body: unknown = {}) => taskOperation(h, user, id, op, body);

  it('should claim and unclaim a task offered to a post', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    expect((await post('review.li', t.id, 'claim')).body.assignee).toBe('review.li');
    expect((await post('review.zhou', t.id, 'claim')).status).toBe(409);
    expect((await post('review.li', t.id, 'unclaim')).body.assignee).toBeNull();
    expect((await post('review.zhou', t.id, 'claim')).body.assignee).toBe('review.zhou');
    const actions = (await history(c.id)).filter((e) => e.action.startsWith('task.')).map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(['review.li:task.claimed', 'review.li:task.unclaimed', 'review.zhou:task.claimed']);
  });

  it('should transfer (转办) a task so that only the new assignee decides', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    const r = await post('review.li', t.id, 'transfer', { to: 'review.zhou', comment: '出差，转周审核' });
    expect(r.body.assignee).toBe('review.zhou');
    expect((await post('review.li', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(403);
    const mine = await h.as<TaskDto[]>('review.zhou', 'GET', '/api/tasks?scope=mine');
    expect(mine.body.map((x) => x.id)).toContain(t.id);
    expect((await post('review.zhou', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(200);
    const e = (await history(c.id)).find((x) => x.action === 'task.transferred');
    expect(e).toMatchObject({ actor: 'review.li', payload: { to: 'review.zhou', comment: '出差，转周审核' } });
  });

  it('should delegate (委派) a task and have it returned to its owner', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    await post('review.li', t.id, 'claim');
    const d = await post('review.li', t.id, 'delegate', { to: 'leader.wang', comment: '请王分管把关' });
    expect(d.body).toMatchObject({ assignee: 'leader.wang', owner: 'review.li' });
    expect((await post('leader.wang', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(409);
    const back = await post('leader.wang', t.id, 'resolve', { comment: '无意见' });
    expect(back.body).toMatchObject({ assignee: 'review.li', owner: null });
    expect((await post('review.li', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(200);
    const actions = (await history(c.id)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['task.delegated', 'task.delegation-resolved', 'task.approved']));
  });

  it('should add a signer before (前加签) who signs first, then let the assignee decide', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    const added = await post('review.li', t.id, 'add-signer', { username: 'leader.wang', position: 'before', comment: '请先会签' });
    expect(added.body.holder).toBe('leader.wang');
    // the task is held by the added signer until they sign
    expect((await post('review.li', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(403);
    expect((await post('leader.wang', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(409);
    expect((await post('leader.wang', t.id, 'sign', { agree: true, comment: '同意' })).body.holder).toBe('review.li');
    expect((await post('review.li', t.id, 'complete', { variables: REVIEW_FORM })).status).toBe(200);
    await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
  });

  it('should add a signer after (后加签) whose signature completes the step', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    await post('review.li', t.id, 'add-signer', { username: 'leader.xie', position: 'after' });
    const decided = await post('review.li', t.id, 'complete', { variables: REVIEW_FORM, comment: '同意' });
    expect(decided.body).toMatchObject({ status: 'open', awaitingSigners: true, holder: 'leader.xie' });
    const signed = await post('leader.xie', t.id, 'sign', { agree: true, comment: '同意，盖章' });
    expect(signed.body.status).toBe('completed');
    await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
    const actions = (await history(c.id)).filter((e) => e.action.startsWith('task.')).map((e) => `${e.actor}:${e.action}`);
    expect(actions).toEqual(['review.li:task.signer-added', 'review.li:task.decided-awaiting-signers', 'leader.xie:task.signed', 'review.li:task.approved']);
  });

  it('should copy (抄送) a case to a reader who can then see it and is notified', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    expect((await h.as('office.guo', 'GET', `/api/cases/${c.id}`)).status).toBe(403);
    const r = await post('review.li', t.id, 'cc', { users: ['office.guo'], comment: '请公共服务办知悉' });
    expect(r.status).toBe(200);
    expect((await h.as('office.guo', 'GET', `/api/cases/${c.id}`)).status).toBe(200);
    const notes = await h.as<Array<{ kind: string; message: string }>>('office.guo', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.kind === 'cc' && n.message.includes(c.caseNumber))).toBe(true);
    expect((await post('review.li', t.id, 'cc', { users: ['nobody.here'] })).status).toBe(400);
  });

  it('should urge (催办) the holder once per ten minutes and record it', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    await post('review.li', t.id, 'claim');
    const r = await h.as<{ notified: string[] }>('agent.chen', 'POST', `/api/tasks/${t.id}/urge`, { comment: '群众等着开工' });
    expect(r.body.notified).toEqual(['review.li']);
    expect((await h.as('agent.chen', 'POST', `/api/tasks/${t.id}/urge`, {})).status).toBe(429);
    const notes = await h.as<Array<{ kind: string; message: string }>>('review.li', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.kind === 'urge' && n.message.includes('群众等着开工'))).toBe(true);
    expect((await history(c.id)).find((e) => e.action === 'task.urged')).toMatchObject({ actor: 'agent.chen' });
  });

  it('should record every operation with its actor in a chain that verifies', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    await post('review.li', t.id, 'claim');
    await post('review.li', t.id, 'complete', { variables: REVIEW_FORM, comment: '同意' });
    const insp = await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
    await post('cg.zhao', insp.id, 'complete', { variables: INSPECTION_FORM });
    const v = await eventually(async () => {
      const r = await h.as<{ valid: boolean; entries: number }>('auditor.lin', 'GET', `/api/cases/${c.id}/verify`);
      return r.body.entries > 30 ? r.body : undefined;
    }, 'history complete');
    expect(v.valid).toBe(true);
    const approved = (await history(c.id)).filter((e) => e.action === 'task.approved');
    expect(approved.map((e) => [e.actor, e.payload.comment ?? null])).toEqual([
      ['review.li', '同意'],
      ['cg.zhao', null],
    ]);
    expect(approved[0]!.payload.after).toMatchObject({ ...REVIEW_FORM, decision: 'approve', approved: true });
  });
});
