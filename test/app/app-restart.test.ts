import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness } from './support/app-harness.ts';
import { exportedPositions } from './support/exported-positions.ts';
import { INSPECTION_FORM, REVIEW_FORM, caseStatus, fileRebuildCase, openTask, type TaskDto } from './support/case-steps.ts';

describe('application restart in the middle of a case', () => {
  const h = new AppHarness();
  beforeAll(async () => {
    await h.start();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should neither lose nor duplicate tasks, history or records across a restart', async () => {
    // given a case waiting at the street review, claimed by a reviewer
    const c = await fileRebuildCase(h);
    const review = await openTask(h, 'review.li', c.id, 'StreetReview');
    await h.as('review.li', 'POST', `/api/tasks/${review.id}/claim`);
    const entriesBefore = (await h.as<unknown[]>('auditor.lin', 'GET', `/api/cases/${c.id}/history`)).body.length;

    // when the whole application (broker, document store, app) restarts on the same data
    await h.restart();

    // then the task is still there, once, still claimed
    const tasks = await h.as<TaskDto[]>('review.li', 'GET', '/api/tasks?scope=mine');
    expect(tasks.body.filter((t) => t.caseId === c.id).map((t) => [t.id, t.assignee])).toEqual([[review.id, 'review.li']]);
    // and the job is still the same one: completing the task moves the process on
    const done = await h.as('review.li', 'POST', `/api/tasks/${review.id}/complete`, { variables: REVIEW_FORM });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    const inspection = await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
    await h.as('cg.zhao', 'POST', `/api/tasks/${inspection.id}/complete`, { variables: INSPECTION_FORM });
    await caseStatus(h, c.id, 'completed');

    // and no user task was projected twice
    const client = await MongoClient.connect(h.docdb.uri);
    try {
      const perJob = await client.db().collection('tasks').aggregate([{ $group: { _id: '$jobKey', n: { $sum: 1 } } }, { $match: { n: { $gt: 1 } } }]).toArray();
      expect(perJob).toEqual([]);
      // and the exported stream has no gap and no duplicate after the restart (compared up to one
      // snapshot of the broker's log: the close job's completion can still be landing after the
      // close worker marked the case completed)
      const { fromBroker, stored } = await exportedPositions(h, client.db());
      expect(stored).toEqual(fromBroker);
    } finally {
      await client.close();
    }
    // and the history grew on the same chain, which still verifies
    const v = await h.as<{ valid: boolean; entries: number }>('auditor.lin', 'GET', `/api/cases/${c.id}/verify`);
    expect(v.body.valid).toBe(true);
    expect(v.body.entries).toBeGreaterThan(entriesBefore);
  });

  it('should keep sessions across a restart but not revoked ones', async () => {
    const token = await h.login('office.guo');
    const revoked = await h.login('office.feng');
    expect((await h.request('POST', '/api/auth/logout', undefined, revoked)).status).toBe(204);
    await h.restart();
    expect((await h.request('GET', '/api/auth/me', undefined, token)).status).toBe(200);
    expect((await h.request('GET', '/api/auth/me', undefined, revoked)).status).toBe(401);
  });
});
