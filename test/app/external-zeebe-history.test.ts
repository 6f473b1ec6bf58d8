import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, eventually } from './support/app-harness.ts';
import { INSPECTION_FORM, REVIEW_FORM, caseStatus, fileRebuildCase, openTask } from './support/case-steps.ts';

/**
 * With an external Zeebe the application cannot read the broker's record stream: it records
 * what it sees itself. Simulated here by not handing the embedded broker's exporter to the
 * case service (the broker is then just a gRPC gateway, as a real Zeebe would be).
 */
describe('case history with an external Zeebe (app-observed records)', () => {
  const h = new AppHarness({ broker: undefined });
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should record the instance, every job it saw and every human action in a verifiable chain', async () => {
    const c = await fileRebuildCase(h);
    const review = await openTask(h, 'review.li', c.id, 'StreetReview');
    // the case shows its current step even without the broker's records (the projection inserts
    // the task first and adds the step to the case just after, so the step can trail the task)
    const open = await eventually(async () => {
      const r = await h.as<{ currentSteps: Array<{ elementId: string }> }>('auditor.lin', 'GET', `/api/cases/${c.id}`);
      return r.body.currentSteps.length > 0 ? r.body : undefined;
    }, 'the case to show its current step');
    expect(open.currentSteps.map((s) => s.elementId)).toEqual(['StreetReview']);
    await h.as('review.li', 'POST', `/api/tasks/${review.id}/complete`, { variables: REVIEW_FORM });
    const insp = await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
    await h.as('cg.zhao', 'POST', `/api/tasks/${insp.id}/complete`, { variables: INSPECTION_FORM });
    await caseStatus(h, c.id, 'completed');

    // the close worker marks the case completed inside its handler and records its own observation
    // just after, so the last observed completion can trail the status by a moment; likewise the
    // projection records a user task's activation after the task is visible in the worklist
    type Entry = { kind: string; actor: string | null; action: string };
    const count = (r: { body: Entry[] }, action: string) => r.body.filter((e) => e.action === action).length;
    const history = await eventually(async () => {
      const r = await h.as<Entry[]>('auditor.lin', 'GET', `/api/cases/${c.id}/history`);
      return count(r, 'observed.JOB.COMPLETED') >= 5 && count(r, 'observed.JOB.ACTIVATED') >= 2 ? r : undefined;
    }, 'five observed job completions (register, check, permit, notify, close) and two user-task activations');
    const actions = history.body.map((e) => e.action);
    expect(actions[0]).toBe('case.filed');
    expect(actions).toContain('observed.PROCESS_INSTANCE_CREATION.CREATED');
    expect(actions.filter((a) => a === 'observed.JOB.ACTIVATED')).toHaveLength(2); // the two user tasks
    expect(actions.filter((a) => a === 'observed.JOB.COMPLETED').length).toBeGreaterThanOrEqual(5); // register, check, permit, notify, close
    expect(actions.filter((a) => a === 'task.approved')).toHaveLength(2);
    expect(history.body.filter((e) => e.action.startsWith('observed.')).every((e) => e.kind === 'record' && e.actor === 'app-observed')).toBe(true);
    // no broker-exported records in this mode
    expect(actions.some((a) => a.startsWith('PROCESS_INSTANCE.'))).toBe(false);

    const v = await h.as<{ valid: boolean; recordSource: string }>('auditor.lin', 'GET', `/api/cases/${c.id}/verify`);
    expect(v.body).toMatchObject({ valid: true, recordSource: 'app-observed' });
  });
});
