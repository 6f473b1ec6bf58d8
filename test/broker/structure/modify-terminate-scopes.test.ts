/**
 * ModifyProcessInstance terminate instructions for scope instances (sub-process, multi-instance
 * body, event sub-process) and for elements inside them, through zeebe-node: what is inside goes
 * with the scope, a scope left empty is terminated (not completed), and the process instance is
 * terminated when nothing is left, as Zeebe does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { end, flow, message, messageDef, processXml, serviceTask, start, withRoots } from '../events/support/event-bpmn.ts';
import { eventSubProcess } from '../events/support/event-sub-process-bpmn.ts';
import { lifecycleOf, sleep, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

/** fork → sub1 { s-task } | tally (parallel multi-instance over [1,2,3]) | plain; a non-interrupting message event sub-process. */
const parallelScopes = withRoots(
  processXml(
    'mod-term',
    [
      start(),
      '<bpmn:parallelGateway id="fork" />',
      `<bpmn:subProcess id="sub1">${start('s-start')}${serviceTask('s-task', 'mt-s')}${end('s-end')}${flow('s1', 's-start', 's-task')}${flow('s2', 's-task', 's-end')}</bpmn:subProcess>`,
      serviceTask('tally', 'mt-tally').replace(
        '</bpmn:serviceTask>',
        '<bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2,3]" inputElement="n" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics></bpmn:serviceTask>',
      ),
      serviceTask('plain', 'mt-plain'),
      eventSubProcess('poke', { id: 'poke-start', definition: messageDef('m-poke'), interrupting: false }, 'mt-poked'),
      end('e1'),
      end('e2'),
      end('e3'),
      flow('f0', 'start', 'fork'),
      flow('f1', 'fork', 'sub1'),
      flow('f2', 'fork', 'tally'),
      flow('f3', 'fork', 'plain'),
      flow('f4', 'sub1', 'e1'),
      flow('f5', 'tally', 'e2'),
      flow('f6', 'plain', 'e3'),
    ].join('\n'),
  ),
  [message('m-poke', 'poke', '=caseId')],
);

const parent = processXml(
  'mod-parent',
  [start(), '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="mod-child" /></bpmn:extensionElements></bpmn:callActivity>', end(), flow('f1', 'start', 'call'), flow('f2', 'call', 'end')].join('\n'),
);
const child = processXml('mod-child', [start(), serviceTask('work', 'mt-child'), end(), flow('f1', 'start', 'work'), flow('f2', 'work', 'end')].join('\n'));

describe('ModifyProcessInstance terminating scopes', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('mod-term.bpmn', parallelScopes);
    await h.deploy('mod-child.bpmn', child);
    await h.deploy('mod-parent.bpmn', parent);
  });

  afterAll(async () => {
    await h.close();
  });

  async function jobsFor(type: string, processInstanceKey: string, count = 1) {
    const found = new Map<string, Awaited<ReturnType<typeof h.client.activateJobs>>[number]>();
    for (let attempt = 0; attempt < 30 && found.size < count; attempt++) {
      const jobs = await h.client.activateJobs({ type, worker: 'w', maxJobsToActivate: 50, timeout: 1_000, requestTimeout: 200 });
      for (const job of jobs) if (job.processInstanceKey === processInstanceKey) found.set(job.key, job);
    }
    if (found.size < count) throw new Error(`expected ${count} ${type} jobs for ${processInstanceKey}`);
    return [...found.values()];
  }

  async function until(condition: () => boolean): Promise<void> {
    for (let n = 0; n < 300 && !condition(); n++) await sleep(50);
    expect(condition()).toBe(true);
  }

  const keyOf = (pi: string, elementId: string, type?: string): string =>
    String(
      h.records().find(
        (r) =>
          r.valueType === 'PROCESS_INSTANCE' &&
          r.intent === 'ELEMENT_ACTIVATED' &&
          (r.value as { elementId: string }).elementId === elementId &&
          (type === undefined || (r.value as { bpmnElementType: string }).bpmnElementType === type) &&
          String((r.value as { processInstanceKey: number }).processInstanceKey) === pi,
      )!.key,
    );
  const lifecycle = (pi: string, elementId: string) => lifecycleOf(h.records(), elementId, pi);
  const TERMINATED = ['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED'];
  const jobCanceled = (jobKey: string) => h.records().some((r) => r.valueType === 'JOB' && r.intent === 'CANCELED' && String(r.key) === jobKey);

  /** An instance with sub1, the three tally instances and plain waiting. */
  async function running(caseId: string) {
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-term', variables: { caseId } });
    const [sTask] = await jobsFor('mt-s', processInstanceKey);
    const tallies = await jobsFor('mt-tally', processInstanceKey, 3);
    const [plain] = await jobsFor('mt-plain', processInstanceKey);
    return { processInstanceKey, sTask: sTask!, tallies, plain: plain! };
  }

  it('should terminate a sub-process instance with what runs inside it, the multi-instance body with its instances, and keep the process instance running', async () => {
    // given
    const { processInstanceKey, sTask, tallies } = await running('T-1');
    // when the sub-process and the multi-instance body are terminated
    await h.client.modifyProcessInstance({
      processInstanceKey,
      terminateInstructions: [{ elementInstanceKey: keyOf(processInstanceKey, 'sub1') }, { elementInstanceKey: keyOf(processInstanceKey, 'tally', 'MULTI_INSTANCE_BODY') }],
    });
    // then they and everything inside are terminated, their jobs cancelled
    await until(() => lifecycle(processInstanceKey, 'sub1').length === 4 && tallies.every((t) => jobCanceled(t.key)));
    expect(lifecycle(processInstanceKey, 'sub1')).toEqual(TERMINATED);
    expect(lifecycle(processInstanceKey, 's-task')).toEqual(TERMINATED);
    expect(jobCanceled(sTask.key)).toBe(true);
    expect(lifecycle(processInstanceKey, 'tally').filter((i) => i === 'ELEMENT_TERMINATED')).toHaveLength(4);
    expect(lifecycle(processInstanceKey, 'e1')).toEqual([]);
    expect(lifecycle(processInstanceKey, 'e2')).toEqual([]);
    // and the process instance still runs with plain
    expect(lifecycle(processInstanceKey, 'mod-term')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should terminate (not complete) a sub-process whose last element is terminated, and keep a multi-instance body whose other instances still run', async () => {
    // given
    const { processInstanceKey, sTask, tallies } = await running('T-2');
    // when the task inside sub1 and one tally instance are terminated
    await h.client.modifyProcessInstance({
      processInstanceKey,
      terminateInstructions: [{ elementInstanceKey: sTask.elementInstanceKey }, { elementInstanceKey: tallies[0]!.elementInstanceKey }],
    });
    // then sub1 is terminated with it
    await until(() => lifecycle(processInstanceKey, 'sub1').includes('ELEMENT_TERMINATED'));
    expect(lifecycle(processInstanceKey, 'sub1')).toEqual(TERMINATED);
    expect(lifecycle(processInstanceKey, 's-end')).toEqual([]);
    // and the body waits for its other two instances, then completes
    await until(() => jobCanceled(tallies[0]!.key));
    for (const job of tallies.slice(1)) await h.client.completeJob({ jobKey: job.key, variables: {} });
    await until(() => lifecycle(processInstanceKey, 'e2').includes('ELEMENT_COMPLETED'));
    const bodyKey = keyOf(processInstanceKey, 'tally', 'MULTI_INSTANCE_BODY');
    expect(h.records().some((r) => String(r.key) === bodyKey && r.intent === 'ELEMENT_COMPLETED')).toBe(true);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should terminate a running event sub-process and, once nothing is left, the process instance', async () => {
    // given a running non-interrupting event sub-process
    const { processInstanceKey, plain } = await running('T-3');
    await h.client.publishMessage({ name: 'poke', correlationKey: 'T-3', variables: {}, timeToLive: 0 });
    const [poked] = await jobsFor('mt-poked', processInstanceKey);
    // when the event sub-process is terminated
    await h.client.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: keyOf(processInstanceKey, 'poke') }] });
    // then it and its task are terminated, the process instance runs on
    await until(() => lifecycle(processInstanceKey, 'poke').includes('ELEMENT_TERMINATED') && jobCanceled(poked!.key));
    expect(lifecycle(processInstanceKey, 'poke-task')).toEqual(TERMINATED);
    expect(lifecycle(processInstanceKey, 'mod-term')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);

    // when everything else is terminated in one command
    await h.client.modifyProcessInstance({
      processInstanceKey,
      terminateInstructions: [
        { elementInstanceKey: keyOf(processInstanceKey, 'sub1') },
        { elementInstanceKey: keyOf(processInstanceKey, 'tally', 'MULTI_INSTANCE_BODY') },
        { elementInstanceKey: plain.elementInstanceKey },
      ],
    });
    // then the process instance is terminated, not completed
    await until(() => lifecycle(processInstanceKey, 'mod-term').includes('ELEMENT_TERMINATED'));
    expect(lifecycle(processInstanceKey, 'mod-term')).toEqual(TERMINATED);
  });

  it('should resolve the incident of a terminated element and move the case on', async () => {
    // given plain failed without retries (an incident)
    const { processInstanceKey, plain } = await running('T-5');
    await h.client.failJob({ jobKey: plain.key, retries: 0, errorMessage: '接口不可用', retryBackOff: 0 });
    await until(() => h.records().some((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey));
    const incident = h.records().find((r) => r.valueType === 'INCIDENT' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey)!;
    // when the stuck element is terminated and the case moves on to its end
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'e3', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: plain.elementInstanceKey }],
    });
    // then the incident is resolved and plain terminated
    await until(() => h.records().some((r) => r.valueType === 'INCIDENT' && r.intent === 'RESOLVED' && r.key === incident.key));
    expect(lifecycle(processInstanceKey, 'plain')).toEqual(TERMINATED);
    expect(lifecycle(processInstanceKey, 'e3')).toContain('ELEMENT_COMPLETED');
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should complete the process instance when an activated end event is all that is left after the terminations', async () => {
    // given
    const { processInstanceKey, plain } = await running('T-4');
    // when everything is terminated and an end event is activated in the same command
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'e3', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [
        { elementInstanceKey: keyOf(processInstanceKey, 'sub1') },
        { elementInstanceKey: keyOf(processInstanceKey, 'tally', 'MULTI_INSTANCE_BODY') },
        { elementInstanceKey: plain.elementInstanceKey },
      ],
    });
    // then the process instance completes (it was needed by the activation, so it is not terminated)
    await until(() => lifecycle(processInstanceKey, 'mod-term').length === 4);
    expect(lifecycle(processInstanceKey, 'mod-term')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    expect(lifecycle(processInstanceKey, 'sub1')).toEqual(TERMINATED);
    expect(lifecycle(processInstanceKey, 'e3')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should reject terminating everything in a process instance created by a call activity, as Zeebe does', async () => {
    // given a child instance called by a parent
    const { processInstanceKey: parentKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-parent', variables: {} });
    await until(() => h.records().some((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && (r.value as { type: string }).type === 'mt-child'));
    const childStart = h.records().find(
      (r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as { bpmnElementType: string; parentProcessInstanceKey: number }).parentProcessInstanceKey === Number(parentKey),
    )!;
    const childKey = String(childStart.key);
    const [work] = await jobsFor('mt-child', childKey);
    // when / then
    await expect(h.client.modifyProcessInstance({ processInstanceKey: childKey, terminateInstructions: [{ elementInstanceKey: work!.elementInstanceKey }] })).rejects.toThrow(
      "Expected to modify instance of process 'mod-child' but the given instructions would terminate the instance. The instance was created by a call activity in the parent process. To terminate this instance please modify the parent process instead.",
    );
    // and moving the token inside the child is fine
    await h.client.modifyProcessInstance({
      processInstanceKey: childKey,
      activateInstructions: [{ elementId: 'work', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: work!.elementInstanceKey }],
    });
    await until(() => lifecycle(childKey, 'work').filter((i) => i === 'ELEMENT_ACTIVATED').length === 2);
    expect(lifecycle(childKey, 'mod-child')).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    await h.client.cancelProcessInstance(parentKey);
  });
});
