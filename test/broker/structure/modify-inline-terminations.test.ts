/**
 * ModifyProcessInstance writes its terminations inline, in the modification's own batch, as Zeebe
 * 8.6/8.7's modification processor does: ELEMENT_TERMINATING, the element's cleanup (subscriptions
 * closed, job canceled), what is inside it (a called process instance as events, no CANCEL or
 * TERMINATE_ELEMENT command), ELEMENT_TERMINATED, then the flow scopes the termination emptied, and
 * PROCESS_INSTANCE_MODIFICATION MODIFIED last. The log replays into the live state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundary, end, flow, processXml, serviceTask, start, timerDef } from '../events/support/event-bpmn.ts';
import { jobOf, liveEngines, replayFromLog, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';
import type { ExportedRecord } from '../../../engine/broker/index.ts';

/** start → sub { s-start → task (1h boundary timer) → s-end } → end; `plain` → end2 is reached only by modification. */
const model = processXml(
  'inl',
  [
    start(),
    `<bpmn:subProcess id="sub">${start('s-start')}${serviceTask('task', 'inl-task')}${end('s-end')}${flow('s1', 's-start', 'task')}${flow('s2', 'task', 's-end')}${boundary('late', 'task', timerDef('timeDuration', 'PT1H'))}${end('late-end')}${flow('s3', 'late', 'late-end')}</bpmn:subProcess>`,
    serviceTask('plain', 'inl-plain'),
    end(),
    end('end2'),
    flow('f1', 'start', 'sub'),
    flow('f2', 'sub', 'end'),
    flow('f3', 'plain', 'end2'),
  ].join('\n'),
);

const parent = processXml(
  'inl-parent',
  [start(), '<bpmn:callActivity id="call"><bpmn:extensionElements><zeebe:calledElement processId="inl-child" /></bpmn:extensionElements></bpmn:callActivity>', end(), flow('f1', 'start', 'call'), flow('f2', 'call', 'end')].join('\n'),
);
const child = processXml('inl-child', [start(), serviceTask('work', 'inl-work'), end(), flow('f1', 'start', 'work'), flow('f2', 'work', 'end')].join('\n'));

type Value = { elementId?: string; targetElementId?: string; processInstanceKey?: number; bpmnElementType?: string };

/** `E PROCESS_INSTANCE ELEMENT_TERMINATING sub`-style lines of the records written for one command. */
function batchOf(records: ExportedRecord[], command: ExportedRecord): string[] {
  const shown = new Set(['PROCESS_INSTANCE', 'JOB', 'TIMER', 'PROCESS_INSTANCE_MODIFICATION']);
  return records
    .filter((r) => r.sourceRecordPosition === command.position && shown.has(r.valueType))
    .map((r) => {
      const value = r.value as Value;
      return `${r.recordType === 'COMMAND' ? 'C' : 'E'} ${r.valueType} ${r.intent} ${value.elementId ?? value.targetElementId ?? ''}`.trim();
    });
}

describe('ModifyProcessInstance inline terminations (Zeebe 8.6/8.7 record order)', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('inl.bpmn', model);
    await h.deploy('inl-child.bpmn', child);
    await h.deploy('inl-parent.bpmn', parent);
  });

  afterAll(async () => {
    await h.close();
  });

  const modifyCommand = (pi: string): ExportedRecord =>
    h.records().find((r) => r.valueType === 'PROCESS_INSTANCE_MODIFICATION' && r.recordType === 'COMMAND' && String((r.value as Value).processInstanceKey) === pi)!;
  const keyOf = (pi: string, elementId: string): string =>
    String(h.records().find((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_ACTIVATED' && (r.value as Value).elementId === elementId && String((r.value as Value).processInstanceKey) === pi)!.key);
  const terminateCommands = () => h.records().filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.recordType === 'COMMAND' && (r.intent === 'TERMINATE_ELEMENT' || r.intent === 'CANCEL'));

  it('should terminate a sub-process with its task, timer and job in the modification batch, after the activation and before MODIFIED', async () => {
    // given a case waiting at the task inside the sub-process
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inl', variables: {} });
    await jobOf(h.client, 'inl-task', processInstanceKey);
    const before = terminateCommands().length;
    // when the case is moved from the sub-process to plain
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'plain', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: keyOf(processInstanceKey, 'sub') }],
    });
    // then the terminations are events of the modification's own batch, in Zeebe's order (this
    // broker logs a follow-up command such as the activation's ACTIVATE_ELEMENT when it processes it,
    // after the command's events; Zeebe logs it where it was appended, before the terminations)
    expect(batchOf(h.records(), modifyCommand(processInstanceKey))).toEqual([
      'E PROCESS_INSTANCE ELEMENT_TERMINATING sub',
      'E PROCESS_INSTANCE ELEMENT_TERMINATING task',
      'E TIMER CANCELED late',
      'E JOB CANCELED task',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED task',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED sub',
      'E PROCESS_INSTANCE_MODIFICATION MODIFIED',
      'C PROCESS_INSTANCE ACTIVATE_ELEMENT plain',
    ]);
    expect(terminateCommands()).toHaveLength(before);
    // and the case goes on at plain
    const plain = await jobOf(h.client, 'inl-plain', processInstanceKey);
    await h.client.completeJob({ jobKey: plain.key, variables: {} });
    await h.waitForRecord((r) => r.intent === 'ELEMENT_COMPLETED' && String(r.key) === processInstanceKey);
  });

  it('should terminate the named task first and then the sub-process and process instance it leaves empty', async () => {
    // given
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inl', variables: {} });
    const task = await jobOf(h.client, 'inl-task', processInstanceKey);
    // when only the task is terminated
    await h.client.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: task.elementInstanceKey }] });
    // then its flow scopes follow it bottom-up, the process instance ends TERMINATED, MODIFIED comes last
    expect(batchOf(h.records(), modifyCommand(processInstanceKey))).toEqual([
      'E PROCESS_INSTANCE ELEMENT_TERMINATING task',
      'E TIMER CANCELED late',
      'E JOB CANCELED task',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED task',
      'E PROCESS_INSTANCE ELEMENT_TERMINATING sub',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED sub',
      'E PROCESS_INSTANCE ELEMENT_TERMINATING inl',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED inl',
      'E PROCESS_INSTANCE_MODIFICATION MODIFIED',
    ]);
  });

  it('should terminate a call activity with its called process instance as events, without a CANCEL or TERMINATE_ELEMENT command', async () => {
    // given a parent whose call activity waits for the child's work
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'inl-parent', variables: {} });
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && (r.value as { type: string }).type === 'inl-work' && String((r.value as Value).processInstanceKey) !== processInstanceKey);
    const childKey = String(h.records().find((r) => r.intent === 'ELEMENT_ACTIVATED' && (r.value as Value).elementId === 'inl-child' && (r.value as { parentProcessInstanceKey: number }).parentProcessInstanceKey === Number(processInstanceKey))!.key);
    const before = terminateCommands().length;
    // when the call activity is terminated
    await h.client.modifyProcessInstance({ processInstanceKey, terminateInstructions: [{ elementInstanceKey: keyOf(processInstanceKey, 'call') }] });
    // then the child is terminated inside the call activity's termination, in the same batch
    expect(batchOf(h.records(), modifyCommand(processInstanceKey))).toEqual([
      'E PROCESS_INSTANCE ELEMENT_TERMINATING call',
      'E PROCESS_INSTANCE ELEMENT_TERMINATING inl-child',
      'E PROCESS_INSTANCE ELEMENT_TERMINATING work',
      'E JOB CANCELED work',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED work',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED inl-child',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED call',
      'E PROCESS_INSTANCE ELEMENT_TERMINATING inl-parent',
      'E PROCESS_INSTANCE ELEMENT_TERMINATED inl-parent',
      'E PROCESS_INSTANCE_MODIFICATION MODIFIED',
    ]);
    expect(terminateCommands()).toHaveLength(before);
    const childTerminated = h.records().find((r) => String(r.key) === childKey && r.intent === 'ELEMENT_TERMINATED')!;
    expect(childTerminated.sourceRecordPosition).toBe(modifyCommand(processInstanceKey).position);
  });
});

describe('replay of inline modification terminations', () => {
  const startEngine = liveEngines('streetflow-replay-inline-modify-');

  it('should rebuild exactly the live state from a log with inline terminations of scopes and called instances', async () => {
    // given
    const run = await startEngine({ controllableClock: true });
    const { client } = run;
    await client.deployResource({ name: 'inl.bpmn', process: Buffer.from(model) });
    await client.deployResource({ name: 'inl-child.bpmn', process: Buffer.from(child) });
    await client.deployResource({ name: 'inl-parent.bpmn', process: Buffer.from(parent) });
    const moved = await client.createProcessInstance({ bpmnProcessId: 'inl', variables: {} });
    const task = await jobOf(client, 'inl-task', moved.processInstanceKey);
    const subKey = run.engine.state.elementInstances.get(Number(task.elementInstanceKey))!.value.flowScopeKey;
    await client.modifyProcessInstance({
      processInstanceKey: moved.processInstanceKey,
      activateInstructions: [{ elementId: 'plain', ancestorElementInstanceKey: '-1', variableInstructions: [] }],
      terminateInstructions: [{ elementInstanceKey: String(subKey) }],
    });
    await jobOf(client, 'inl-plain', moved.processInstanceKey);
    const called = await client.createProcessInstance({ bpmnProcessId: 'inl-parent', variables: {} });
    await jobOf(client, 'inl-work');
    const callKey = [...run.engine.state.elementInstances.get(Number(called.processInstanceKey))!.children][0]!;
    await client.modifyProcessInstance({ processInstanceKey: called.processInstanceKey, terminateInstructions: [{ elementInstanceKey: String(callKey) }] });

    // when
    const { live, liveKey, replayed } = await replayFromLog(run, (stopped) => ({ clockStartTime: stopped.clock.now() }));

    // then
    expect(replayed.state.snapshot()).toEqual(live);
    expect(replayed.state.keys.nextKey).toBe(liveKey);
    expect(replayed.state.elementInstances.get(Number(called.processInstanceKey))).toBeUndefined();
    await replayed.stop();
  });
});
