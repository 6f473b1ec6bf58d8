/**
 * ModifyProcessInstance into a scope that an interrupting event sub-process interrupted: as Zeebe's
 * PROCESS_INSTANCE_MODIFICATION MODIFIED applier, an activation clears the interrupted mark of its
 * flow scopes, so the activated element runs and the scope's events work again. Street-office case:
 * an applicant withdrew (撤回) by message, the office reinstates the case at the review step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, message, messageDef, processXml, serviceTask, start, withRoots } from '../events/support/event-bpmn.ts';
import { eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { lifecycle, startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';

/** review → end, with an interrupting message event sub-process 'withdrawn' (a confirm task) and a non-interrupting 'urge' one. */
const withdrawable = withRoots(
  processXml(
    'mod-reinstate',
    [
      start(),
      serviceTask('review', 'mr-review'),
      end(),
      flow('f1', 'start', 'review'),
      flow('f2', 'review', 'end'),
      eventSubProcess('withdrawn', { id: 'withdrawn-start', definition: messageDef('m-withdraw'), interrupting: true }, 'mr-confirm'),
      eventSubProcess('urge', { id: 'urge-start', definition: messageDef('m-urge'), interrupting: false }, 'mr-urged'),
    ].join('\n'),
  ),
  [message('m-withdraw', 'reinstate-withdraw', '=caseId'), message('m-urge', 'reinstate-urge', '=caseId')],
);

describe('modification of a scope interrupted by an event sub-process', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
    await h.deploy('mod-reinstate.bpmn', withdrawable);
  });
  afterAll(async () => {
    await h.close();
  });

  async function jobFor(type: string, processInstanceKey: string) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const jobs = await h.client.activateJobs({ type, worker: 'w', maxJobsToActivate: 20, timeout: 60_000, requestTimeout: 200 });
      const mine = jobs.find((j) => j.processInstanceKey === processInstanceKey);
      if (mine) return mine;
    }
    throw new Error(`no ${type} job for ${processInstanceKey}`);
  }

  it('should reinstate a withdrawn case at its review step: the activation runs and the process is no longer interrupted', async () => {
    // given a case withdrawn by the applicant while under review
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-reinstate', variables: { caseId: 'RI-1' } });
    await jobFor('mr-review', processInstanceKey);
    await h.client.publishMessage({ name: 'reinstate-withdraw', correlationKey: 'RI-1', variables: {}, timeToLive: 0 });
    await jobFor('mr-confirm', processInstanceKey);
    expect(lifecycle(h.records(), 'review', processInstanceKey)).toContain('ELEMENT_TERMINATED');
    const withdrawnKey = h.recordsOf('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', processInstanceKey).find((r) => (r.value as { elementId: string }).elementId === 'withdrawn')!.key;

    // when the office reinstates it: review again, the withdrawal sub-process ended
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'review', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: String(withdrawnKey) }],
    });

    // then review is active again with a new job, and the process runs on
    const review = await jobFor('mr-review', processInstanceKey);
    expect(lifecycle(h.records(), 'review', processInstanceKey).filter((i) => i === 'ELEMENT_ACTIVATED')).toHaveLength(2);
    // and when review completes, the case ends at its normal end event
    await h.client.completeJob({ jobKey: review.key, variables: { approved: true } });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === processInstanceKey, 10_000);
    expect(lifecycle(h.records(), 'end', processInstanceKey)).toContain('ELEMENT_COMPLETED');
  });
});
