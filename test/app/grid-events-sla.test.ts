import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { supervisionList } from '../../engine/app/services/sla/supervision.ts';
import { parseWorkingDuration } from '../../engine/app/services/sla/working-calendar.ts';
import { AppHarness, eventually } from './support/app-harness.ts';
import { caseStatus, fileRebuildCase, openTask, type CaseDto, type TaskDto } from './support/case-steps.ts';

const DAY = 86_400_000;

describe('grid events, deadlines and timeout policies', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  const report = async (category: string) => {
    const r = await h.as<CaseDto>('grid.xu', 'POST', '/api/cases', { bpmnProcessId: 'wangge-shijian', applicant: { name: '网格 TC-017' }, variables: { category, gridCode: 'TC-017', description: '沿街违规搭建雨棚' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };

  it('should dispatch a grid event by category to the responsible office and close it after verification', async () => {
    // given a grid worker reports an illegal structure (违章搭建 → 城管)
    const c = await report('违章搭建');
    const dispose = await openTask(h, 'cg.zhao', c.id, 'Dispose');
    expect(dispose.candidateGroups).toEqual(['office:cg']);
    // and other offices do not get it
    expect((await h.as<TaskDto[]>('social.song', 'GET', '/api/tasks')).body.some((t) => t.caseId === c.id)).toBe(false);
    // when 城管 disposes and the patrol team rejects the first time (退回重办), then verifies
    expect((await h.as('cg.zhao', 'POST', `/api/tasks/${dispose.id}/complete`, { variables: { disposalAction: '已责令拆除' } })).status).toBe(200);
    const verify1 = await openTask(h, 'patrol.he', c.id, 'Verify');
    expect((await h.as('patrol.he', 'POST', `/api/tasks/${verify1.id}/reject`, { comment: '雨棚仍在' })).status).toBe(200);
    const dispose2 = await eventually(async () => (await h.as<TaskDto[]>('cg.zhao', 'GET', '/api/tasks')).body.find((t) => t.caseId === c.id && t.elementId === 'Dispose' && t.id !== dispose.id), 'second disposal');
    await h.as('cg.zhao', 'POST', `/api/tasks/${dispose2.id}/complete`, { variables: { disposalAction: '已拆除完毕' } });
    const verify2 = await openTask(h, 'patrol.he', c.id, 'Verify');
    await h.as('patrol.he', 'POST', `/api/tasks/${verify2.id}/complete`, { comment: '已销号' });
    // then the event is closed and the reporter was told which office handled it
    await caseStatus(h, c.id, 'completed');
    const notes = await h.as<Array<{ message: string }>>('grid.xu', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.message.includes(c.caseNumber) && n.message.includes('城市管理局'))).toBe(true);
  });

  it('should raise an incident for a category no office handles', async () => {
    const c = await report('外星人入侵');
    const withIncident = await eventually(async () => {
      const r = await h.as<CaseDto>('auditor.lin', 'GET', `/api/cases/${c.id}`);
      return r.body.incidents.length > 0 ? r.body : undefined;
    }, 'incident');
    expect(withIncident.incidents[0]!.message).toContain('UNKNOWN_CATEGORY');
  });

  it('should compute the due date on working days and show yellow at 80 % and red when overdue', async () => {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    const sla = h.service.ctx.sla;
    const cal = sla.workingCalendar;
    const created = new Date((await h.service.models.Task.findById(t.id).lean())!.createdAt);
    expect(new Date(t.dueDate!).toISOString()).toBe(cal.addWorkingTime(created, parseWorkingDuration('P5D')).toISOString());
    const task = (await h.service.models.Task.findById(t.id).lean())!;
    expect(sla.stateOf(task, cal.addWorkingTime(created, 0.5 * 5 * DAY))).toBe('ok');
    expect(sla.stateOf(task, cal.addWorkingTime(created, 0.85 * 5 * DAY))).toBe('yellow');
    expect(sla.stateOf(task, new Date(new Date(t.dueDate!).getTime() + 1000))).toBe('red');
    // and the supervision (督办) list of 区域发展办 shows the red card then
    const rows = await supervisionList(h.service.models, sla, 'qyfzb', new Date(new Date(t.dueDate!).getTime() + 1000));
    expect(rows[0]!.office.name).toBe('区域发展办公室');
    expect(rows[0]!.red.map((x) => x.id)).toContain(t.id);
    expect((await h.as<unknown[]>('auditor.lin', 'GET', '/api/supervision')).status).toBe(200);
  });

  it('should apply timeout policies once: remind the street reviewers, auto-approve the patrol verification', async () => {
    const rebuild = await fileRebuildCase(h);
    const review = await openTask(h, 'review.li', rebuild.id, 'StreetReview');
    const grid = await report('占道经营');
    const dispose = await openTask(h, 'patrol.he', grid.id, 'Dispose');
    await h.as('patrol.he', 'POST', `/api/tasks/${dispose.id}/complete`, { variables: { disposalAction: '已劝离' } });
    const verify = await openTask(h, 'patrol.he', grid.id, 'Verify');

    // when the sweeper runs a month later
    const later = new Date(Date.now() + 30 * DAY);
    const first = await h.service.sweeper.sweep(later);
    expect(first.policiesApplied).toBeGreaterThanOrEqual(2);
    const again = await h.service.sweeper.sweep(later);
    expect(again.policiesApplied).toBe(0);

    // then the review stays open with a reminder to its post, and the verification was auto-approved
    expect((await h.as<TaskDto>('review.li', 'GET', `/api/tasks/${review.id}`)).body.status).toBe('open');
    const notes = await h.as<Array<{ kind: string; message: string }>>('review.li', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.kind === 'remind' && n.message.includes(rebuild.caseNumber))).toBe(true);
    expect((await h.as<TaskDto>('patrol.he', 'GET', `/api/tasks/${verify.id}`)).body.status).toBe('completed');
    await caseStatus(h, grid.id, 'completed');
    const history = await h.as<Array<{ actor: string; action: string }>>('auditor.lin', 'GET', `/api/cases/${grid.id}/history`);
    expect(history.body.find((e) => e.action === 'task.auto-approved')?.actor).toBe('system:timeout-policy');
  });

  it('should keep open user-task jobs alive with UpdateJobTimeout', async () => {
    const c = await fileRebuildCase(h);
    await openTask(h, 'review.li', c.id, 'StreetReview');
    const r = await h.service.keepAlive.tick(Date.now() + 30 * DAY);
    expect(r.extended).toBeGreaterThanOrEqual(1);
    const t = await h.service.models.Task.findOne({ caseId: c.id }).lean();
    expect(new Date(t!.jobDeadline!).getTime()).toBeGreaterThan(Date.now() + 6 * DAY);
  });

  it('should push live worklist updates over server-sent events', async () => {
    const token = await h.login('review.zhou');
    const controller = new AbortController();
    const res = await fetch(`${h.baseUrl}/api/events?access_token=${token}`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const c = await fileRebuildCase(h, 'agent.wu');
    let text = '';
    // one decoder in streaming mode: a chunk may end inside a multi-byte character (the case number is 桐城-…)
    const decoder = new TextDecoder();
    // the reviewers' group notification names the case too and is pushed just before task.created,
    // so read until the task.created event itself has arrived
    const taskCreated = () => text.split('\n\n').find((e) => e.includes('event: task.created') && e.includes(c.caseNumber));
    const until = Date.now() + 15_000;
    while (!taskCreated() && Date.now() < until) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    controller.abort();
    expect(taskCreated(), text).toBeDefined();
    expect(taskCreated()).toContain('街道联审');
  });
});
