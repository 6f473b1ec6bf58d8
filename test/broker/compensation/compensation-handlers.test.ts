import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import {
  association,
  chain,
  compensable,
  compensationBoundary,
  compensationEnd,
  compensationThrow,
  end,
  io,
  processXml,
  serviceTask,
  start,
} from './support/compensation-bpmn.ts';
import { completeJob, elementRecord, isSubsequence, processCompleted, subscriptions, trail } from './support/compensation-harness.ts';

const loop = (collection: string, element: string, sequential = false): string =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}"><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="${collection}" inputElement="${element}" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>`;

/** start → `task` with a compensation boundary associated with `handlerXml` (id `handlerId`) → compensation end event. */
function withHandler(processId: string, taskType: string, handlerId: string, handlerXml: string, taskXml = serviceTask('task', taskType)): string {
  return processXml(
    processId,
    [start(), taskXml, compensationBoundary('task-undo', 'task'), handlerXml, association('a1', 'task-undo', handlerId), compensationEnd('undo'), ...chain('f', ['start', 'task', 'undo'])].join('\n'),
  );
}

describe('compensation handlers', () => {
  let harness: EventsHarness;
  beforeAll(async () => {
    harness = await startEventsHarness();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('should invoke the handler of a multi-instance activity once, after all its instances completed', async () => {
    // given three countersigners (会签) who each signed
    const signTask = `<bpmn:serviceTask id="task"><bpmn:extensionElements><zeebe:taskDefinition type="mi-sign" /></bpmn:extensionElements>${loop('=signers', 'signer')}</bpmn:serviceTask>`;
    await harness.deploy(
      'mi-once.bpmn',
      withHandler('mi-once', 'mi-sign', 'unsign', '<bpmn:serviceTask id="unsign" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="mi-unsign" /></bpmn:extensionElements></bpmn:serviceTask>', signTask),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'mi-once', variables: { signers: ['甲', '乙', '丙'] } });
    for (let n = 0; n < 3; n++) await completeJob(harness, 'mi-sign', pi);
    // when
    await completeJob(harness, 'mi-unsign', pi);
    await processCompleted(harness, 'mi-once', pi);
    // then one subscription, for the body, and one handler
    const body = harness.recordsOf('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', pi).find((r) => (r.value as { bpmnElementType: string }).bpmnElementType === 'MULTI_INSTANCE_BODY')!;
    const events = subscriptions(harness, pi);
    expect(events.map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'COMPLETED']);
    expect(events[0]![1].compensableActivityInstanceKey).toBe(body.key);
    expect(trail(harness, pi, ['ELEMENT_ACTIVATED']).filter((e) => e === 'unsign:ELEMENT_ACTIVATED')).toHaveLength(1);
  });

  it('should run a multi-instance handler once per item, completing the subscription when its body completes', async () => {
    // given a handler that withdraws each signature separately
    const undoEach = `<bpmn:serviceTask id="unsign-each" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="mi-unsign-each" /></bpmn:extensionElements>${loop('=signers', 'signer', true)}</bpmn:serviceTask>`;
    await harness.deploy('mi-handler.bpmn', withHandler('mi-handler', 'mi-sign-all', 'unsign-each', undoEach));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'mi-handler', variables: { signers: ['甲', '乙'] } });
    await completeJob(harness, 'mi-sign-all', pi);
    // when
    const first = await completeJob(harness, 'mi-unsign-each', pi);
    const second = await completeJob(harness, 'mi-unsign-each', pi);
    await processCompleted(harness, 'mi-handler', pi);
    // then
    expect([first.variables.signer, second.variables.signer]).toEqual(['甲', '乙']);
    const [, triggered] = subscriptions(harness, pi)[1]!;
    const handlerBody = elementRecord(harness, pi, 'unsign-each', 'ELEMENT_ACTIVATING')!;
    expect((handlerBody.value as { bpmnElementType: string }).bpmnElementType).toBe('MULTI_INSTANCE_BODY');
    expect(triggered.compensationHandlerInstanceKey).toBe(handlerBody.key);
    expect(subscriptions(harness, pi).map(([intent]) => intent)).toEqual(['CREATED', 'TRIGGERED', 'COMPLETED']);
  });

  it('should complete each inner instance\'s throw event with the handler it invoked (multi-instance sub-process)', async () => {
    // given three inner instances, each compensating its own step
    const sub = `<bpmn:subProcess id="per-item">${loop('=[1,2,3]', 'item')}${start('ps')}${compensable('step', 'mi-step')}${compensationThrow('throw-step')}${end('pe')}${chain('pf', ['ps', 'step', 'throw-step', 'pe']).join('')}</bpmn:subProcess>`;
    await harness.deploy('mi-sub.bpmn', processXml('mi-sub', [start(), sub, end(), ...chain('f', ['start', 'per-item', 'end'])].join('\n')));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'mi-sub', variables: {} });
    for (let n = 0; n < 3; n++) await completeJob(harness, 'mi-step', pi);
    // when
    for (let n = 0; n < 3; n++) await completeJob(harness, 'undo-mi-step', pi);
    await processCompleted(harness, 'mi-sub', pi);
    // then every throw event completed after its own handler
    const triggered = subscriptions(harness, pi).filter(([intent]) => intent === 'TRIGGERED');
    expect(triggered).toHaveLength(3);
    expect(new Set(triggered.map(([, v]) => v.throwEventInstanceKey)).size).toBe(3);
    expect(trail(harness, pi, ['ELEMENT_COMPLETED']).filter((e) => e === 'throw-step:ELEMENT_COMPLETED')).toHaveLength(3);
  });

  it('should compensate the steps inside every inner instance of a completed multi-instance sub-process', async () => {
    // given a multi-instance sub-process (two villages) with a compensable step inside, completed
    const sub = `<bpmn:subProcess id="villages">${loop('=[&quot;东村&quot;,&quot;西村&quot;]', 'village')}${start('vs')}${compensable('notify', 'mi-notify')}${end('ve')}${chain('vf', ['vs', 'notify', 've']).join('')}</bpmn:subProcess>`;
    await harness.deploy('mi-sub-outside.bpmn', processXml('mi-sub-outside', [start(), sub, compensationThrow('recall'), end(), ...chain('f', ['start', 'villages', 'recall', 'end'])].join('\n')));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'mi-sub-outside', variables: {} });
    for (let n = 0; n < 2; n++) await completeJob(harness, 'mi-notify', pi);
    // when
    for (let n = 0; n < 2; n++) await completeJob(harness, 'undo-mi-notify', pi);
    await processCompleted(harness, 'mi-sub-outside', pi);
    // then the body stands for the inner instances, which stand for their steps; all completed bottom-up
    const events = subscriptions(harness, pi).map(([intent, v]) => `${intent}:${v.compensableActivityId}:${v.compensationHandlerId}`);
    expect(events.filter((e) => e.startsWith('CREATED'))).toEqual(['CREATED:notify:undo-notify', 'CREATED:villages:', 'CREATED:notify:undo-notify', 'CREATED:villages:', 'CREATED:villages:']);
    expect(events.filter((e) => e.startsWith('COMPLETED'))).toHaveLength(5);
    expect(events[events.length - 1]).toBe('COMPLETED:villages:');
    expect(trail(harness, pi, ['ELEMENT_COMPLETED']).filter((e) => e === 'undo-notify:ELEMENT_COMPLETED')).toHaveLength(2);
  });

  it('should run a call activity as handler and continue when the called process completed', async () => {
    // given a called process that revokes the permit
    await harness.deploy('revoke-child.bpmn', processXml('revoke-child', [start(), serviceTask('revoke', 'call-revoke'), end(), ...chain('f', ['start', 'revoke', 'end'])].join('\n')));
    const caller = '<bpmn:callActivity id="call-revoke" isForCompensation="true"><bpmn:extensionElements><zeebe:calledElement processId="revoke-child" /></bpmn:extensionElements></bpmn:callActivity>';
    await harness.deploy('call-handler.bpmn', withHandler('call-handler', 'call-issue', 'call-revoke', caller));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'call-handler', variables: { permitNo: 'P-3' } });
    await completeJob(harness, 'call-issue', pi);
    // when
    const job = await completeJob(harness, 'call-revoke', undefined);
    await processCompleted(harness, 'call-handler', pi);
    // then
    expect(job.variables).toMatchObject({ permitNo: 'P-3' });
    expect(isSubsequence(trail(harness, pi), ['call-revoke:ELEMENT_ACTIVATED', 'call-revoke:ELEMENT_COMPLETED', 'undo:ELEMENT_COMPLETED'])).toBe(true);
  });

  it('should run user, script, manual and undefined tasks as handlers', async () => {
    // given four steps with four kinds of handlers
    const steps = ['u', 's', 'm', 't'];
    const handlers = [
      '<bpmn:userTask id="undo-u" isForCompensation="true" />',
      '<bpmn:scriptTask id="undo-s" isForCompensation="true"><bpmn:extensionElements><zeebe:script expression="=&quot;revoked&quot;" resultVariable="permitState" /></bpmn:extensionElements></bpmn:scriptTask>',
      '<bpmn:manualTask id="undo-m" isForCompensation="true" />',
      '<bpmn:task id="undo-t" isForCompensation="true" />',
    ];
    await harness.deploy(
      'handler-kinds.bpmn',
      processXml(
        'handler-kinds',
        [
          start(),
          ...steps.map((id) => `<bpmn:manualTask id="${id}" />${compensationBoundary(`${id}-undo`, id)}${association(`${id}-a`, `${id}-undo`, `undo-${id}`)}`),
          ...handlers,
          compensationEnd('undo'),
          ...chain('f', ['start', ...steps, 'undo']),
        ].join('\n'),
      ),
    );
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'handler-kinds', variables: {} });
    // when the user task handler's job is completed
    await completeJob(harness, 'io.camunda.zeebe:userTask', pi);
    await processCompleted(harness, 'handler-kinds', pi);
    // then all four ran and the script's result reached the process
    for (const id of steps) expect(trail(harness, pi)).toContain(`undo-${id}:ELEMENT_COMPLETED`);
    const variable = harness.recordsOf('VARIABLE', undefined, pi).find((r) => (r.value as { name: string }).name === 'permitState')!;
    expect((variable.value as { scopeKey: number; value: string }).scopeKey).toBe(Number(pi));
    expect(subscriptions(harness, pi).filter(([intent]) => intent === 'COMPLETED')).toHaveLength(4);
  });

  it('should apply the handler\'s input mappings locally and its output mappings to the throw event\'s scope', async () => {
    // given a handler with an input and an output mapping
    const handler = `<bpmn:serviceTask id="undo-io" isForCompensation="true"><bpmn:extensionElements><zeebe:taskDefinition type="io-undo" />${io([['=fee + 1', 'refund']], [['=refund * 2', 'refunded']])}</bpmn:extensionElements></bpmn:serviceTask>`;
    await harness.deploy('handler-io.bpmn', withHandler('handler-io', 'io-charge', 'undo-io', handler));
    const { processInstanceKey: pi } = await harness.client.createProcessInstance({ bpmnProcessId: 'handler-io', variables: { fee: 10 } });
    await completeJob(harness, 'io-charge', pi);
    // when
    const job = await completeJob(harness, 'io-undo', pi, { note: 'refund sent' });
    await processCompleted(harness, 'handler-io', pi);
    // then
    expect(job.variables).toMatchObject({ fee: 10, refund: 11 });
    const handlerKey = elementRecord(harness, pi, 'undo-io', 'ELEMENT_ACTIVATED')!.key;
    const variables = harness.recordsOf('VARIABLE', undefined, pi).map((r) => r.value as { name: string; scopeKey: number; value: string });
    expect(variables.find((v) => v.name === 'refund')!.scopeKey).toBe(handlerKey);
    expect(variables.find((v) => v.name === 'refunded')).toMatchObject({ scopeKey: Number(pi), value: '22' });
    // with output mappings, the job's variables stay local to the handler (as for any task)
    expect(variables.find((v) => v.name === 'note')).toMatchObject({ scopeKey: handlerKey });
  });
});
