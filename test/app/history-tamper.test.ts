import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppHarness, eventually } from './support/app-harness.ts';
import { exportedPositions } from './support/exported-positions.ts';
import { REVIEW_FORM, fileRebuildCase, openTask } from './support/case-steps.ts';

interface Verdict {
  valid: boolean;
  entries: number;
  firstBroken?: { id: string; seq: number; reason: string };
  detail?: string;
}

describe('tamper-evident case history', () => {
  const h = new AppHarness();
  let client: MongoClient;
  beforeAll(async () => {
    await h.start();
    client = await MongoClient.connect(h.docdb.uri);
  });
  afterAll(async () => {
    await client.close();
    await h.close();
  });

  async function caseWithHistory() {
    const c = await fileRebuildCase(h);
    const t = await openTask(h, 'review.li', c.id, 'StreetReview');
    await h.as('review.li', 'POST', `/api/tasks/${t.id}/complete`, { variables: REVIEW_FORM, comment: '同意' });
    await openTask(h, 'cg.zhao', c.id, 'SiteInspection');
    return c;
  }

  it('should name exactly the entry that was altered directly in the database', async () => {
    // given a case with a verified history
    const c = await caseWithHistory();
    const before = (await h.as<Verdict>('auditor.lin', 'GET', `/api/cases/${c.id}/verify`)).body;
    expect(before.valid).toBe(true);
    const history = client.db().collection('case_history');
    const approval = await history.findOne({ caseId: c.id, action: 'task.approved' });
    expect(approval).not.toBeNull();

    // when someone rewrites the reviewer's comment with the driver, bypassing the application
    const payload = JSON.parse(approval!.payload as string) as Record<string, unknown>;
    await history.updateOne({ _id: approval!._id }, { $set: { payload: JSON.stringify({ ...payload, comment: '不同意' }) } });

    // then verification fails at exactly that entry
    const after = (await h.as<Verdict>('auditor.lin', 'GET', `/api/cases/${c.id}/verify`)).body;
    expect(after.valid).toBe(false);
    expect(after.firstBroken).toEqual({ id: String(approval!._id), seq: approval!.seq, reason: 'hash-mismatch' });
  });

  it('should report a deleted entry as a gap at the entry that follows it', async () => {
    const c = await caseWithHistory();
    const history = client.db().collection('case_history');
    // the exporter chains the broker's records asynchronously: wait for an entry after the victim,
    // or deleting the (then last) entry would leave a shorter chain that still verifies
    await eventually(async () => history.findOne({ caseId: c.id, seq: 4 }), 'four history entries');
    const victim = await history.findOne({ caseId: c.id, seq: 3 });
    await history.deleteOne({ _id: victim!._id });
    const v = (await h.as<Verdict>('auditor.lin', 'GET', `/api/cases/${c.id}/verify`)).body;
    expect(v.valid).toBe(false);
    expect(v.firstBroken).toMatchObject({ seq: 4, reason: 'sequence-gap' });
  });

  it('should export every broker record exactly once and acknowledge the last position', async () => {
    await caseWithHistory();
    const { fromBroker, stored } = await exportedPositions(h, client.db());
    expect(stored).toEqual(fromBroker);
  });
});
