import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { jobOf } from '../engine/support/engine-harness.ts';
import { boundary, end, error, flow, io, processXml, serviceTask, start, timerDef, withRoots } from './support/event-bpmn.ts';
import { errorDef, escalation, escalationDef, eventSubProcess } from './support/event-sub-process-bpmn.ts';
import { HOUR, lifecycle, startEventsHarness, type EventsHarness } from './support/events-harness.ts';

const callActivity = (id: string, processId: string): string =>
  `<bpmn:callActivity id="${id}"><bpmn:extensionElements><zeebe:calledElement processId="${processId}" /></bpmn:extensionElements></bpmn:callActivity>`;

/** start → service task `task` (job type `<id>-work`) → end, plus the given elements. */
const processWithTask = (id: string, extra: string[], roots: string[] = []): string =>
  withRoots(processXml(id, [start(), serviceTask('task', `${id}-work`), end(), flow('f1', 'start', 'task'), flow('f2', 'task', 'end'), ...extra].join('\n')), roots);

function variable(records: ExportedRecord[], name: string): ExportedRecord | undefined {
  return records.filter((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === name).at(-1);
}

const processDone = (h: EventsHarness, id: string) =>
  h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && (r.value as { elementId: string }).elementId === id && (r.value as { bpmnElementType: string }).bpmnElementType === 'PROCESS');

describe('event sub-processes catching errors and escalations', () => {
  let h: EventsHarness;
  beforeAll(async () => {
    h = await startEventsHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('should catch an error thrown by a job worker in an error event sub-process and map the error variables', async () => {
    // given
    const mapped = io([], [['=detail', 'rejectionDetail']]);
    await h.deploy(
      'espe-job.bpmn',
      processWithTask('espe-job', [eventSubProcess('onRejected', { id: 'rejectedStart', definition: errorDef('espe-job-err'), interrupting: true, extensions: mapped })], [
        error('espe-job-err', 'REJECTED'),
      ]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-job', variables: {} });
    const job = await jobOf(h.client, 'espe-job-work', pi);
    // when
    await h.client.throwError({ jobKey: job.key, errorCode: 'REJECTED', errorMessage: '材料不全', variables: { detail: '缺少身份证复印件' } });
    await processDone(h, 'espe-job');
    // then
    const records = h.records();
    expect(lifecycle(records, 'task', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'onRejected', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
    const startRecord = records.find((r) => (r.value as { elementId?: string }).elementId === 'rejectedStart')!;
    expect(startRecord.value).toMatchObject({ bpmnElementType: 'START_EVENT', bpmnEventType: 'ERROR' });
    expect(variable(records, 'rejectionDetail')!.value).toMatchObject({ value: '"缺少身份证复印件"', scopeKey: Number(pi) });
    expect(h.recordsOf('INCIDENT', 'CREATED', pi)).toHaveLength(0);
  });

  it('should prefer the event sub-process with the exact error code over the catch-all one', async () => {
    // given
    await h.deploy(
      'espe-code.bpmn',
      processWithTask(
        'espe-code',
        [
          eventSubProcess('anyError', { id: 'anyStart', definition: errorDef(), interrupting: true }),
          eventSubProcess('onRejected', { id: 'rejectedStart', definition: errorDef('espe-code-err'), interrupting: true }),
        ],
        [error('espe-code-err', 'REJECTED')],
      ),
    );
    const thrown = async (code: string): Promise<string> => {
      const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-code', variables: {} });
      const job = await jobOf(h.client, 'espe-code-work', pi);
      await h.client.throwError({ jobKey: job.key, errorCode: code, errorMessage: '' });
      return pi;
    };
    // when
    const exact = await thrown('REJECTED');
    const other = await thrown('TIMEOUT');
    // then
    expect(lifecycle(h.records(), 'onRejected', exact)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'anyError', exact)).toEqual([]);
    expect(lifecycle(h.records(), 'anyError', other)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'onRejected', other)).toEqual([]);
  });

  it("should let a sub-process's error event sub-process catch before the sub-process's own boundary event (Zeebe's order)", async () => {
    // given a stage with an error boundary and an inner error event sub-process for the same code
    const stage = `<bpmn:subProcess id="stage">${[
      start('stageStart'),
      serviceTask('inner', 'espe-order-work'),
      end('stageEnd'),
      flow('s1', 'stageStart', 'inner'),
      flow('s2', 'inner', 'stageEnd'),
      eventSubProcess('stageRepair', { id: 'stageRepairStart', definition: errorDef('espe-order-err'), interrupting: true }),
    ].join('\n')}</bpmn:subProcess>`;
    await h.deploy(
      'espe-order.bpmn',
      withRoots(
        processXml(
          'espe-order',
          [start(), stage, boundary('stageFailed', 'stage', errorDef('espe-order-err')), end(), '<bpmn:endEvent id="failedEnd" />', flow('f1', 'start', 'stage'), flow('f2', 'stage', 'end'), flow('f3', 'stageFailed', 'failedEnd')].join('\n'),
        ),
        [error('espe-order-err', 'BROKEN')],
      ),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-order', variables: {} });
    const job = await jobOf(h.client, 'espe-order-work', pi);
    // when
    await h.client.throwError({ jobKey: job.key, errorCode: 'BROKEN', errorMessage: '' });
    await processDone(h, 'espe-order');
    // then the stage repaired itself and left normally
    expect(lifecycle(h.records(), 'stageRepair', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'stage', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'stageFailed', pi)).toEqual([]);
    expect(lifecycle(h.records(), 'end', pi)).toContain('ELEMENT_COMPLETED');
  });

  it('should catch an error end event of an embedded sub-process in an error event sub-process of the process', async () => {
    // given
    const stage = `<bpmn:subProcess id="stage">${[start('stageStart'), `<bpmn:endEvent id="fail">${errorDef('espe-up-err')}</bpmn:endEvent>`, flow('s1', 'stageStart', 'fail')].join('\n')}</bpmn:subProcess>`;
    await h.deploy(
      'espe-up.bpmn',
      withRoots(
        processXml('espe-up', [start(), stage, end(), flow('f1', 'start', 'stage'), flow('f2', 'stage', 'end'), eventSubProcess('recover', { id: 'recoverStart', definition: errorDef('espe-up-err'), interrupting: true })].join('\n')),
        [error('espe-up-err', 'STAGE_FAILED')],
      ),
    );
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-up', variables: {} });
    await processDone(h, 'espe-up');
    // then
    expect(lifecycle(h.records(), 'stage', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(h.records(), 'recover', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'end', pi)).toEqual([]);
  });

  it('should drop the tokens of parallel paths not yet started when an error event sub-process interrupts, and complete the process after it', async () => {
    // given a fork whose first branch throws at once while the second is still to be activated
    await h.deploy(
      'espe-fork.bpmn',
      withRoots(
        processXml(
          'espe-fork',
          [
            start(),
            '<bpmn:parallelGateway id="fork" />',
            `<bpmn:endEvent id="fail">${errorDef('espe-fork-err')}</bpmn:endEvent>`,
            serviceTask('task', 'espe-fork-work'),
            end(),
            flow('f0', 'start', 'fork'),
            flow('f1', 'fork', 'fail'),
            flow('f2', 'fork', 'task'),
            flow('f3', 'task', 'end'),
            eventSubProcess('recover', { id: 'recoverStart', definition: errorDef(), interrupting: true }),
          ].join('\n'),
        ),
        [error('espe-fork-err', 'EARLY')],
      ),
    );
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-fork', variables: {} });
    await processDone(h, 'espe-fork');
    // then
    expect(lifecycle(h.records(), 'fail', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(h.records(), 'task', pi)).toEqual([]);
    expect(lifecycle(h.records(), 'recover', pi)).toContain('ELEMENT_COMPLETED');
    expect(h.recordsOf('JOB', 'CREATED', pi)).toHaveLength(0);
  });

  it('should let each inner instance of a multi-instance sub-process handle its own error in its event sub-process (会签 with a per-office repair)', async () => {
    // given a parallel multi-instance stage over two offices, each stage instance repairing its own errors
    const stage = `<bpmn:subProcess id="stage">
      <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=offices" inputElement="office" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      ${[start('stageStart'), serviceTask('sign', 'espe-mi-sign'), end('stageEnd'), flow('s1', 'stageStart', 'sign'), flow('s2', 'sign', 'stageEnd'), eventSubProcess('repair', { id: 'repairStart', definition: errorDef(), interrupting: true }, 'espe-mi-repair')].join('\n')}
    </bpmn:subProcess>`;
    await h.deploy('espe-mi.bpmn', processXml('espe-mi', [start(), stage, end(), flow('f1', 'start', 'stage'), flow('f2', 'stage', 'end')].join('\n')));
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-mi', variables: { offices: ['城管', '规划'] } });
    const first = await jobOf(h.client, 'espe-mi-sign', pi);
    // when one office's signing fails
    await h.client.throwError({ jobKey: first.key, errorCode: 'SEAL_MISSING', errorMessage: '' });
    // then only that inner instance runs its repair; the other office still signs
    expect(lifecycle(h.records(), 'repair', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycle(h.records(), 'sign', pi).filter((i) => i === 'ELEMENT_TERMINATED')).toHaveLength(1);
    // when the repair and the other signature finish
    const repair = await jobOf(h.client, 'espe-mi-repair', pi);
    await h.client.completeJob({ jobKey: repair.key, variables: {} });
    const second = await jobOf(h.client, 'espe-mi-sign', pi);
    await h.client.completeJob({ jobKey: second.key, variables: {} });
    // then both stage instances completed and the process goes on
    await processDone(h, 'espe-mi');
    expect(lifecycle(h.records(), 'stage', pi).filter((i) => i === 'ELEMENT_COMPLETED')).toHaveLength(3);
  });

  it("should catch an error of a called process in the parent's error event sub-process, terminating the called instance", async () => {
    // given
    await h.deploy('espe-child.bpmn', processWithTask('espe-child', []));
    await h.deploy(
      'espe-parent.bpmn',
      withRoots(
        processXml(
          'espe-parent',
          [start(), callActivity('call', 'espe-child'), end(), flow('f1', 'start', 'call'), flow('f2', 'call', 'end'), eventSubProcess('childFailed', { id: 'childFailedStart', definition: errorDef('espe-parent-err'), interrupting: true })].join('\n'),
        ),
        [error('espe-parent-err', 'CHILD_FAILED')],
      ),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-parent', variables: {} });
    const job = await jobOf(h.client, 'espe-child-work');
    // when
    await h.client.throwError({ jobKey: job.key, errorCode: 'CHILD_FAILED', errorMessage: '', variables: { failedStep: '城管审核' } });
    await processDone(h, 'espe-parent');
    // then
    const records = h.records();
    expect(lifecycle(records, 'espe-child', job.processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'call', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycle(records, 'childFailed', pi)).toContain('ELEMENT_COMPLETED');
    expect(variable(records, 'failedStep')!.value).toMatchObject({ scopeKey: Number(pi) });
    expect(h.recordsOf('INCIDENT', 'CREATED')).toHaveLength(0);
  });

  it('should catch an error end event of a called process on an error boundary event of the call activity', async () => {
    // given
    await h.deploy(
      'espe-child-end.bpmn',
      withRoots(processXml('espe-child-end', [start(), `<bpmn:endEvent id="fail">${errorDef('espe-ce-err')}</bpmn:endEvent>`, flow('f1', 'start', 'fail')].join('\n')), [error('espe-ce-err', 'NOT_ELIGIBLE')]),
    );
    await h.deploy(
      'espe-caller.bpmn',
      withRoots(
        processXml(
          'espe-caller',
          [start(), callActivity('call', 'espe-child-end'), boundary('notEligible', 'call', errorDef('espe-caller-err')), end(), '<bpmn:endEvent id="rejectedEnd" />', flow('f1', 'start', 'call'), flow('f2', 'call', 'end'), flow('f3', 'notEligible', 'rejectedEnd')].join('\n'),
        ),
        [error('espe-caller-err', 'NOT_ELIGIBLE')],
      ),
    );
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-caller', variables: {} });
    await processDone(h, 'espe-caller');
    // then
    expect(lifecycle(h.records(), 'call', pi)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(h.records(), 'rejectedEnd', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'end', pi)).toEqual([]);
  });

  it('should raise an incident for an error inside an interrupting event sub-process that only its interrupted scope could catch', async () => {
    // given
    await h.deploy(
      'espe-inside.bpmn',
      processWithTask('espe-inside', [
        eventSubProcess('overdue', { id: 'overdueStart', definition: timerDef('timeDuration', 'PT1H'), interrupting: true }, 'espe-inside-overdue'),
        eventSubProcess('anyError', { id: 'anyStart', definition: errorDef(), interrupting: true }),
      ]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-inside', variables: {} });
    await h.advance(HOUR);
    const job = await jobOf(h.client, 'espe-inside-overdue', pi);
    // when
    await h.client.throwError({ jobKey: job.key, errorCode: 'ANY', errorMessage: 'boom' });
    // then
    const incident = h.recordsOf('INCIDENT', 'CREATED', pi)[0]!;
    expect(incident.value).toMatchObject({
      errorType: 'UNHANDLED_ERROR_EVENT',
      elementId: 'overdue-task',
      errorMessage: "Expected to throw an error event with the code 'ANY' with message 'boom', but it was not caught. No error events are available in the scope.",
    });
    expect(lifecycle(h.records(), 'anyError', pi)).toEqual([]);
  });

  it('should name the error codes it could have caught in the incident of an uncaught error, as Zeebe does', async () => {
    // given
    await h.deploy(
      'espe-list.bpmn',
      processWithTask('espe-list', [eventSubProcess('onRejected', { id: 'rejectedStart', definition: errorDef('espe-list-err'), interrupting: true })], [error('espe-list-err', 'REJECTED')]),
    );
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-list', variables: {} });
    const job = await jobOf(h.client, 'espe-list-work', pi);
    // when
    await h.client.throwError({ jobKey: job.key, errorCode: 'TIMEOUT', errorMessage: '' });
    // then
    const incident = h.recordsOf('INCIDENT', 'CREATED', pi)[0]!;
    expect((incident.value as { errorMessage: string }).errorMessage).toBe(
      "Expected to throw an error event with the code 'TIMEOUT', but it was not caught. Available error events are [REJECTED]",
    );
  });

  it('should run a non-interrupting escalation event sub-process of a sub-process while the thrower goes on', async () => {
    // given
    const stage = `<bpmn:subProcess id="stage">${[
      start('stageStart'),
      `<bpmn:intermediateThrowEvent id="raise">${escalationDef('espe-esc-sup')}</bpmn:intermediateThrowEvent>`,
      serviceTask('inner', 'espe-esc-work'),
      end('stageEnd'),
      flow('s1', 'stageStart', 'raise'),
      flow('s2', 'raise', 'inner'),
      flow('s3', 'inner', 'stageEnd'),
      eventSubProcess('notifyLeader', { id: 'notifyStart', definition: escalationDef('espe-esc-sup'), interrupting: false }, 'espe-esc-notify'),
    ].join('\n')}</bpmn:subProcess>`;
    await h.deploy('espe-esc.bpmn', withRoots(processXml('espe-esc', [start(), stage, end(), flow('f1', 'start', 'stage'), flow('f2', 'stage', 'end')].join('\n')), [escalation('espe-esc-sup', 'SUPERVISE')]));
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-esc', variables: {} });
    // then
    expect(h.recordsOf('ESCALATION', 'ESCALATED', pi)[0]!.value).toMatchObject({ escalationCode: 'SUPERVISE', throwElementId: 'raise', catchElementId: 'notifyStart' });
    expect(lifecycle(h.records(), 'raise', pi)).toContain('ELEMENT_COMPLETED');
    expect(lifecycle(h.records(), 'inner', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycle(h.records(), 'notifyLeader', pi)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
  });

  it('should interrupt the process with an escalation event sub-process catching an escalation end event of a called process', async () => {
    // given
    await h.deploy(
      'espe-esc-child.bpmn',
      withRoots(processXml('espe-esc-child', [start(), `<bpmn:endEvent id="raiseEnd">${escalationDef('espe-ec')}</bpmn:endEvent>`, flow('f1', 'start', 'raiseEnd')].join('\n')), [escalation('espe-ec', 'WHISTLE')]),
    );
    await h.deploy(
      'espe-esc-parent.bpmn',
      processXml(
        'espe-esc-parent',
        [start(), callActivity('call', 'espe-esc-child'), end(), flow('f1', 'start', 'call'), flow('f2', 'call', 'end'), eventSubProcess('summon', { id: 'summonStart', definition: escalationDef(), interrupting: true })].join('\n'),
      ),
    );
    // when
    const { processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'espe-esc-parent', variables: {} });
    await processDone(h, 'espe-esc-parent');
    // then
    expect(lifecycle(h.records(), 'call', pi)).toContain('ELEMENT_TERMINATED');
    expect(lifecycle(h.records(), 'summon', pi)).toContain('ELEMENT_COMPLETED');
    const escalated = h.recordsOf('ESCALATION', 'ESCALATED').find((r) => (r.value as { catchElementId: string }).catchElementId === 'summonStart');
    expect(escalated).toBeDefined();
  });
});
