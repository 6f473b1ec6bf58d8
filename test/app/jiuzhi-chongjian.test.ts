import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, eventually } from './support/app-harness.ts';
import { INSPECTION_FORM, REVIEW_FORM, caseStatus, fileRebuildCase, openTask, type CaseDto } from './support/case-steps.ts';

describe('旧址重建 from the village agent’s intake to the permit PDF', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should carry a case through three offices and issue a downloadable permit PDF', async () => {
    // given the village agent (党群服务中心) files the application on the resident's behalf
    const filed = await fileRebuildCase(h, 'agent.chen');
    expect(filed.caseNumber).toMatch(/^桐城-\d{4}-\d{6}$/);

    // when the street reviewer (区域发展办公室) claims and approves with the review form
    const review = await openTask(h, 'review.li', filed.id, 'StreetReview');
    expect(review.candidateGroups).toEqual(['post:qyfzb.reviewer']);
    expect((await h.as('review.li', 'POST', `/api/tasks/${review.id}/claim`)).status).toBe(200);
    const approved = await h.as('review.li', 'POST', `/api/tasks/${review.id}/complete`, { decision: 'approve', comment: '同意', variables: REVIEW_FORM });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    // and the urban-management inspector (城管) approves the site inspection
    const inspection = await openTask(h, 'cg.zhao', filed.id, 'SiteInspection');
    const inspected = await h.as('cg.zhao', 'POST', `/api/tasks/${inspection.id}/complete`, { decision: 'approve', comment: '踏勘合格', variables: INSPECTION_FORM });
    expect(inspected.status, JSON.stringify(inspected.body)).toBe(200);

    // then the case completes with a permit PDF the agent can download
    const done = await caseStatus(h, filed.id, 'completed');
    expect(done.outcome).toBe('approved');
    const permit = done.attachments.find((a) => a.kind === 'permit');
    expect(permit?.contentType).toBe('application/pdf');
    const pdf = await h.as<Buffer>('agent.chen', 'GET', permit!.url);
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.body.length).toBeGreaterThan(1000);

    // and the three decisions were taken by three users of three offices
    const history = await h.as<Array<{ actor: string | null; action: string }>>('auditor.lin', 'GET', `/api/cases/${filed.id}/history`);
    const actors = history.body.filter((e) => ['case.filed', 'task.approved'].includes(e.action)).map((e) => e.actor);
    expect(actors).toEqual(['agent.chen', 'review.li', 'cg.zhao']);

    // and the agent was notified that the permit was issued
    const notes = await h.as<Array<{ message: string }>>('agent.chen', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.message.includes(filed.caseNumber) && n.message.includes('许可证'))).toBe(true);

    // and the whole history verifies
    const verify = await eventually(async () => {
      const v = await h.as<{ valid: boolean; entries: number }>('auditor.lin', 'GET', `/api/cases/${filed.id}/verify`);
      return v.body.valid && v.body.entries > 20 ? v.body : undefined;
    }, 'verified history');
    expect(verify.valid).toBe(true);
  });

  it('should refuse an approval whose form misses a required field, naming the field', async () => {
    const filed = await fileRebuildCase(h, 'agent.chen');
    const review = await openTask(h, 'review.zhou', filed.id, 'StreetReview');
    const r = await h.as<{ status: number; field: string; errors: Array<{ field: string }> }>('review.zhou', 'POST', `/api/tasks/${review.id}/complete`, { decision: 'approve', variables: { planningConformity: 'yes' } });
    expect(r.status).toBe(400);
    expect(r.headers.get('content-type')).toContain('application/problem+json');
    expect(r.body.field).toBe('body.variables.reviewOpinion');
    // a select value outside the form's options is named too
    const bad = await h.as<{ field: string }>('review.zhou', 'POST', `/api/tasks/${review.id}/complete`, { variables: { planningConformity: 'maybe', reviewOpinion: 'x' } });
    expect(bad.body.field).toBe('body.variables.planningConformity');
  });

  it('should end the case as rejected when the street review rejects (驳回) with a reason', async () => {
    const filed = await fileRebuildCase(h, 'agent.wu');
    const review = await openTask(h, 'review.li', filed.id, 'StreetReview');
    const noReason = await h.as<{ field: string }>('review.li', 'POST', `/api/tasks/${review.id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.field).toBe('body.comment');
    const r = await h.as('review.li', 'POST', `/api/tasks/${review.id}/reject`, { comment: '不符合村庄规划' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const done: CaseDto = await caseStatus(h, filed.id, 'rejected');
    expect(done.attachments.some((a) => a.kind === 'permit')).toBe(false);
    const notes = await h.as<Array<{ message: string }>>('agent.wu', 'GET', '/api/notifications');
    expect(notes.body.some((n) => n.message.includes('不予许可') && n.message.includes('不符合村庄规划'))).toBe(true);
  });

  it('should return a case to the filing agent for supplements (退回补正) and review it again', async () => {
    const filed = await fileRebuildCase(h, 'agent.chen');
    const review = await openTask(h, 'review.li', filed.id, 'StreetReview');
    const noReason = await h.as<{ field: string }>('review.li', 'POST', `/api/tasks/${review.id}/complete`, { decision: 'supplement' });
    expect(noReason.body.field).toBe('body.comment');
    expect((await h.as('review.li', 'POST', `/api/tasks/${review.id}/complete`, { decision: 'supplement', comment: '缺少四至示意图' })).status).toBe(200);
    // the agent who filed gets the supplement step, assigned to them personally
    const supplement = await openTask(h, 'agent.chen', filed.id, 'Supplement');
    expect(supplement.assignee).toBe('agent.chen');
    expect((await h.as<{ field: string }>('agent.chen', 'POST', `/api/tasks/${supplement.id}/complete`, { variables: { parcelNumber: 'bad' } })).body.field).toBe('body.variables.parcelNumber');
    const corrected = { parcelNumber: 'TC-ZJD-0001', areaSqm: 90, floors: 2, reason: '补充四至示意图' };
    expect((await h.as('agent.chen', 'POST', `/api/tasks/${supplement.id}/complete`, { variables: corrected })).status).toBe(200);
    const again = await eventually(async () => (await h.as<Array<{ id: string; caseId: string; elementId: string }>>('review.zhou', 'GET', '/api/tasks')).body.find((t) => t.caseId === filed.id && t.elementId === 'StreetReview' && t.id !== review.id), 'second review');
    expect(again).toBeDefined();
    const history = await h.as<Array<{ actor: string; action: string }>>('auditor.lin', 'GET', `/api/cases/${filed.id}/history`);
    expect(history.body.filter((e) => e.action.startsWith('task.')).map((e) => `${e.actor}:${e.action}`)).toEqual(['review.li:task.returned-for-supplement', 'agent.chen:task.approved']);
  });

  it('should raise an incident when the parcel is not in the homestead registry (ThrowError without a catch event)', async () => {
    const r = await h.as<CaseDto>('agent.chen', 'POST', '/api/cases', {
      bpmnProcessId: 'jiuzhi-chongjian',
      applicant: { name: '无名氏', idNumber: '350982199001010099' },
      variables: { parcelNumber: 'TC-ZJD-9999', areaSqm: 80, floors: 1, reason: 'test' },
    });
    expect(r.status).toBe(201);
    const withIncident = await eventually(async () => {
      const c = await h.as<CaseDto>('auditor.lin', 'GET', `/api/cases/${r.body.id}`);
      return c.body.incidents.length > 0 ? c.body : undefined;
    }, 'incident on the case');
    expect(withIncident.incidents[0]).toMatchObject({ elementId: 'RegistryCheck' });
    expect(withIncident.incidents[0]!.message).toContain('TC-ZJD-9999');
  });
});
