/**
 * ModifyProcessInstance into nested scopes, through zeebe-node: missing flow scopes are created
 * (without input mappings or start events, with the instruction's variables), existing ones reused,
 * an ancestor element instance key selects among several, and Zeebe's rejections.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedRecord } from '../../../engine/broker/index.ts';
import { end, flow, io, processXml, serviceTask, start } from '../engine/support/bpmn-builder.ts';
import { lifecycleOf, sleep, startHarness, type EngineHarness } from '../engine/support/engine-harness.ts';

/** prep → outer { fork → inner { deep } | other } → end. The outer scope has an input mapping. */
const nested = processXml(
  'mod-nested',
  [
    start(),
    serviceTask('prep', 'mn-prep'),
    `<bpmn:subProcess id="outer"><bpmn:extensionElements>${io([['=1', 'fromInput']])}</bpmn:extensionElements>
      ${start('o-start')}
      <bpmn:parallelGateway id="o-fork" />
      <bpmn:subProcess id="inner">
        ${start('i-start')}
        ${serviceTask('deep', 'mn-deep')}
        ${end('i-end')}
        ${flow('i1', 'i-start', 'deep')}
        ${flow('i2', 'deep', 'i-end')}
      </bpmn:subProcess>
      ${serviceTask('other', 'mn-other')}
      ${end('o-end1')}
      ${end('o-end2')}
      ${flow('o1', 'o-start', 'o-fork')}
      ${flow('o2', 'o-fork', 'inner')}
      ${flow('o3', 'o-fork', 'other')}
      ${flow('o4', 'inner', 'o-end1')}
      ${flow('o5', 'other', 'o-end2')}
    </bpmn:subProcess>`,
    end(),
    flow('f1', 'start', 'prep'),
    flow('f2', 'prep', 'outer'),
    flow('f3', 'outer', 'end'),
  ].join('\n'),
);

/** A multi-instance sub-process and an event-based gateway, for the unsupported activations. */
const unsupported = processXml(
  'mod-unsupported',
  [
    start(),
    '<bpmn:parallelGateway id="fork" />',
    serviceTask('hold', 'mu-hold'),
    `<bpmn:subProcess id="mi"><bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=[1,2]" inputElement="n" /></bpmn:extensionElements></bpmn:multiInstanceLoopCharacteristics>
      ${start('mi-start')}${serviceTask('mi-task', 'mu-mi')}${end('mi-end')}${flow('m1', 'mi-start', 'mi-task')}${flow('m2', 'mi-task', 'mi-end')}
    </bpmn:subProcess>`,
    '<bpmn:eventBasedGateway id="ebg" />',
    '<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    '<bpmn:intermediateCatchEvent id="wait2"><bpmn:timerEventDefinition><bpmn:timeDuration xsi:type="bpmn:tFormalExpression">PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
    end('e1'),
    end('e2'),
    end('e3'),
    end('e4'),
    flow('f1', 'start', 'fork'),
    flow('f2', 'fork', 'hold'),
    flow('f3', 'hold', 'e1'),
    flow('f4', 'fork', 'ebg'),
    flow('f5', 'ebg', 'wait'),
    flow('f6', 'ebg', 'wait2'),
    flow('f7', 'wait', 'e2'),
    flow('f8', 'wait2', 'e3'),
    flow('f9', 'mi', 'e4'),
  ].join('\n'),
);

interface ModifiedValue {
  activateInstructions: { elementId: string; ancestorScopeKeys: number[] }[];
}

describe('ModifyProcessInstance into nested scopes', () => {
  let h: EngineHarness;

  beforeAll(async () => {
    h = await startHarness();
    await h.deploy('mod-nested.bpmn', nested);
    await h.deploy('mod-unsupported.bpmn', unsupported);
  });

  afterAll(async () => {
    await h.close();
  });

  /** Activates the jobs of a type until one of the instance (and element instance, when given) shows up. */
  async function jobFor(type: string, processInstanceKey: string, elementInstanceKey?: string) {
    for (let attempt = 0; attempt < 30; attempt++) {
      const jobs = await h.client.activateJobs({ type, worker: 'w', maxJobsToActivate: 20, timeout: 1_000, requestTimeout: 200 });
      const mine = jobs.find((j) => j.processInstanceKey === processInstanceKey && (elementInstanceKey === undefined || j.elementInstanceKey === elementInstanceKey));
      if (mine) return mine;
    }
    throw new Error(`no ${type} job for ${processInstanceKey}`);
  }

  const instanceEvents = (pi: string, elementId: string, intent: string): ExportedRecord[] =>
    h.records().filter(
      (r) =>
        r.valueType === 'PROCESS_INSTANCE' &&
        r.recordType === 'EVENT' &&
        r.intent === intent &&
        (r.value as { elementId: string }).elementId === elementId &&
        String((r.value as { processInstanceKey: number }).processInstanceKey) === pi,
    );
  /** Polls until a condition over the records holds. */
  async function until(condition: () => boolean): Promise<void> {
    for (let n = 0; n < 300 && !condition(); n++) await sleep(50);
    expect(condition()).toBe(true);
  }
  const modified = (pi: string): Promise<ExportedRecord> =>
    h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE_MODIFICATION' && r.intent === 'MODIFIED' && String(r.key) === pi && r.recordType === 'EVENT');

  /** An instance whose outer scope runs (inner with deep, and other). */
  async function insideOuter() {
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-nested', variables: {} });
    const prep = await jobFor('mn-prep', processInstanceKey);
    await h.client.completeJob({ jobKey: prep.key, variables: {} });
    const deep = await jobFor('mn-deep', processInstanceKey);
    const outerKey = String(instanceEvents(processInstanceKey, 'outer', 'ELEMENT_ACTIVATED')[0]!.key);
    const innerKey = String(instanceEvents(processInstanceKey, 'inner', 'ELEMENT_ACTIVATED')[0]!.key);
    return { processInstanceKey, deep, outerKey, innerKey };
  }

  it('should create the outer and inner sub-process when a task two levels deep is activated, with the variables of each scope and no input mappings', async () => {
    // given an instance waiting at prep, before the sub-processes
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-nested', variables: { applicant: '李四' } });
    const prep = await jobFor('mn-prep', processInstanceKey);

    // when the case is moved into the inner sub-process
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [
        {
          elementId: 'deep',
          ancestorElementInstanceKey: '-1',
          variableInstructions: [
            { scopeId: 'outer', variables: { o: 1 } },
            { scopeId: 'inner', variables: { i: 2 } },
            { scopeId: '', variables: { g: 3 } },
            { scopeId: 'deep', variables: { d: 4 } },
          ],
        },
      ],
      terminateInstructions: [{ elementInstanceKey: prep.elementInstanceKey }],
    });

    // then both scopes were activated by events, without their start events
    const record = await modified(processInstanceKey);
    const deep = await jobFor('mn-deep', processInstanceKey);
    expect(lifecycleOf(h.records(), 'outer', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycleOf(h.records(), 'inner', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED']);
    expect(lifecycleOf(h.records(), 'o-start', processInstanceKey)).toEqual([]);
    expect(lifecycleOf(h.records(), 'i-start', processInstanceKey)).toEqual([]);
    const outer = instanceEvents(processInstanceKey, 'outer', 'ELEMENT_ACTIVATING')[0]!;
    const inner = instanceEvents(processInstanceKey, 'inner', 'ELEMENT_ACTIVATING')[0]!;
    expect((inner.value as { flowScopeKey: number }).flowScopeKey).toBe(outer.key);
    expect((record.value as ModifiedValue).activateInstructions[0]!.ancestorScopeKeys).toEqual([inner.key, outer.key, Number(processInstanceKey)]);

    // and each variable lives in its scope, the scope variables set between ACTIVATING and ACTIVATED
    const variable = (name: string) => h.records().find((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === name && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey)!;
    expect((variable('o').value as { scopeKey: number }).scopeKey).toBe(outer.key);
    expect((variable('i').value as { scopeKey: number }).scopeKey).toBe(inner.key);
    expect(String((variable('g').value as { scopeKey: number }).scopeKey)).toBe(processInstanceKey);
    expect(String((variable('d').value as { scopeKey: number }).scopeKey)).toBe(deep.elementInstanceKey);
    const outerActivated = instanceEvents(processInstanceKey, 'outer', 'ELEMENT_ACTIVATED')[0]!;
    expect(variable('o').position).toBeGreaterThan(outer.position);
    expect(variable('o').position).toBeLessThan(outerActivated.position);

    // and the task sees them all, but not the outer scope's input mapping (Zeebe does not apply it)
    expect(deep.variables).toMatchObject({ applicant: '李四', o: 1, i: 2, g: 3, d: 4 });
    expect(deep.variables).not.toHaveProperty('fromInput');

    // and completing the task completes both scopes and the process instance
    await h.client.completeJob({ jobKey: deep.key, variables: {} });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === processInstanceKey);
    expect(lifecycleOf(h.records(), 'outer', processInstanceKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_COMPLETING', 'ELEMENT_COMPLETED']);
  });

  it('should activate into the one active instance of the flow scope, and create a new one below a selected ancestor', async () => {
    // given an instance running inside outer and inner
    const { processInstanceKey, deep, outerKey, innerKey } = await insideOuter();

    // when deep is activated again without an ancestor
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'deep', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'inner', variables: { reused: true } }] }],
    });
    await modified(processInstanceKey);

    // then the new deep runs in the existing inner instance, which got the scope's variable
    const reused = h.records().find((r) => r.valueType === 'VARIABLE' && (r.value as { name: string }).name === 'reused' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey)!;
    expect(String((reused.value as { scopeKey: number }).scopeKey)).toBe(innerKey);
    const again = instanceEvents(processInstanceKey, 'deep', 'ELEMENT_ACTIVATED').find((r) => String(r.key) !== deep.elementInstanceKey);
    expect(String((again!.value as { flowScopeKey: number }).flowScopeKey)).toBe(innerKey);
    expect(instanceEvents(processInstanceKey, 'inner', 'ELEMENT_ACTIVATING')).toHaveLength(1);

    // when deep is activated with the outer instance as ancestor
    await h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'deep', ancestorElementInstanceKey: outerKey, variableInstructions: [] }] });

    // then a second inner instance is created in the same outer instance
    await until(() => instanceEvents(processInstanceKey, 'inner', 'ELEMENT_ACTIVATED').length === 2);
    const secondInner = instanceEvents(processInstanceKey, 'inner', 'ELEMENT_ACTIVATED')[1]!;
    expect(String((secondInner.value as { flowScopeKey: number }).flowScopeKey)).toBe(outerKey);

    // when deep is activated again without an ancestor, Zeebe cannot choose an inner instance
    await expect(h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'deep', ancestorElementInstanceKey: '-1', variableInstructions: [] }] })).rejects.toThrow(
      "Expected to modify instance of process 'mod-nested' but it contains one or more activate instructions for an element that has a flow scope with more than one active instance: 'inner'. Can't decide in which instance of the flow scope the element should be activated. Please specify an ancestor element instance key for this activate instruction.",
    );

    // and with the second inner instance as ancestor it goes there
    await h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'deep', ancestorElementInstanceKey: String(secondInner.key), variableInstructions: [] }] });
    await until(() => instanceEvents(processInstanceKey, 'deep', 'ELEMENT_ACTIVATED').filter((r) => (r.value as { flowScopeKey: number }).flowScopeKey === secondInner.key).length === 2);

    // when the process instance itself is the ancestor, a new outer and inner are created
    await h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId: 'deep', ancestorElementInstanceKey: processInstanceKey, variableInstructions: [] }] });
    await until(() => instanceEvents(processInstanceKey, 'outer', 'ELEMENT_ACTIVATED').length === 2);
    await until(() => instanceEvents(processInstanceKey, 'inner', 'ELEMENT_ACTIVATED').length === 3);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should create a missing flow scope once for two activate instructions of one command', async () => {
    // given an instance waiting at prep
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-nested', variables: {} });
    const prep = await jobFor('mn-prep', processInstanceKey);
    // when deep and other are activated in one command
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [
        { elementId: 'deep', ancestorElementInstanceKey: '-1', variableInstructions: [] },
        { elementId: 'other', ancestorElementInstanceKey: '-1', variableInstructions: [] },
      ],
      terminateInstructions: [{ elementInstanceKey: prep.elementInstanceKey }],
    });
    // then one outer instance holds both
    await jobFor('mn-other', processInstanceKey);
    const outers = instanceEvents(processInstanceKey, 'outer', 'ELEMENT_ACTIVATED');
    expect(outers).toHaveLength(1);
    const other = instanceEvents(processInstanceKey, 'other', 'ELEMENT_ACTIVATED')[0]!;
    expect((other.value as { flowScopeKey: number }).flowScopeKey).toBe(outers[0]!.key);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should reject ancestors that are not active, belong to another instance or are not a flow scope of the element, in Zeebe’s words', async () => {
    // given two instances inside outer, and a completed element instance
    const a = await insideOuter();
    const b = await insideOuter();
    const completedPrep = String(instanceEvents(a.processInstanceKey, 'prep', 'ELEMENT_COMPLETED')[0]!.key);
    const activate = (elementId: string, ancestor: string) =>
      h.client.modifyProcessInstance({ processInstanceKey: a.processInstanceKey, activateInstructions: [{ elementId, ancestorElementInstanceKey: ancestor, variableInstructions: [] }] });
    const prefix = "Expected to modify instance of process 'mod-nested' but it contains one or more activate instructions with an ancestor scope key that";

    // when / then
    await expect(activate('deep', completedPrep)).rejects.toThrow(`${prefix} does not exist, or is not in an active state: '${completedPrep}'`);
    await expect(activate('deep', b.outerKey)).rejects.toThrow(`${prefix} does not belong to the modified process instance: '${b.outerKey}'`);
    await expect(activate('other', a.innerKey)).rejects.toThrow(`${prefix} is not an ancestor of the element to activate:\n- instance '${a.innerKey}' of element 'inner' is not an ancestor of element 'other'`);
    await expect(activate('deep', a.deep.elementInstanceKey)).rejects.toThrow(`of element 'deep' is not an ancestor of element 'deep'`);
    await expect(
      h.client.modifyProcessInstance({
        processInstanceKey: a.processInstanceKey,
        activateInstructions: [{ elementId: 'deep', ancestorElementInstanceKey: a.innerKey, variableInstructions: [] }],
        terminateInstructions: [{ elementInstanceKey: a.innerKey }],
      }),
    ).rejects.toThrow(
      `Expected to modify instance of process 'mod-nested' but it contains one or more activate instructions for elements whose required flow scope instance is also being terminated: element 'deep' requires flow scope instance '${a.innerKey}' which is being terminated. Please provide a valid ancestor scope key for the activation or avoid terminating the required flow scope.`,
    );
    await expect(
      h.client.modifyProcessInstance({
        processInstanceKey: a.processInstanceKey,
        activateInstructions: [{ elementId: 'other', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'inner', variables: { x: 1 } }] }],
      }),
    ).rejects.toThrow("variable instructions with a scope element that doesn't belong to the activating element's flow scope. These variables should be set before or after the modification.");
    await expect(
      h.client.modifyProcessInstance({
        processInstanceKey: a.processInstanceKey,
        activateInstructions: [{ elementId: 'other', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: 'nowhere', variables: { x: 1 } }] }],
      }),
    ).rejects.toThrow("variable instructions with a scope element id that could not be found: 'nowhere'");

    // and nothing changed
    expect(instanceEvents(a.processInstanceKey, 'deep', 'ELEMENT_ACTIVATING')).toHaveLength(1);
    await h.client.cancelProcessInstance(a.processInstanceKey);
    await h.client.cancelProcessInstance(b.processInstanceKey);
  });

  it('should reject activating inside a multi-instance sub-process and events after an event-based gateway', async () => {
    // given an instance with hold and the event-based gateway waiting, the multi-instance sub-process not started
    const { processInstanceKey } = await h.client.createProcessInstance({ bpmnProcessId: 'mod-unsupported', variables: {} });
    await jobFor('mu-hold', processInstanceKey);
    const activate = (elementId: string, ancestor = '-1') =>
      h.client.modifyProcessInstance({ processInstanceKey, activateInstructions: [{ elementId, ancestorElementInstanceKey: ancestor, variableInstructions: [] }] });

    // when / then
    await expect(activate('mi-task')).rejects.toThrow(
      "Expected to modify instance of process 'mod-unsupported' but it contains one or more activate instructions that would result in the activation of multi-instance element 'mi', which is currently unsupported.",
    );
    await expect(activate('wait')).rejects.toThrow(
      "Expected to modify instance of process 'mod-unsupported' but it contains one or more activate instructions for elements that are unsupported: 'wait'. The activation of events belonging to an event-based gateway is not supported.",
    );
    await expect(activate('start')).rejects.toThrow("The activation of elements with type 'START_EVENT' is not supported. Supported element types are: [PROCESS, SUB_PROCESS,");
    await expect(activate('f2')).rejects.toThrow("activate instructions for elements that are unsupported: 'f2'. The activation of elements with type 'SEQUENCE_FLOW' is not supported.");

    // and the multi-instance sub-process itself can be activated (its body runs its inner instances)
    await activate('mi');
    const first = await jobFor('mu-mi', processInstanceKey);
    const body = h.records().find((r) => r.valueType === 'PROCESS_INSTANCE' && (r.value as { bpmnElementType: string }).bpmnElementType === 'MULTI_INSTANCE_BODY' && String((r.value as { processInstanceKey: number }).processInstanceKey) === processInstanceKey)!;
    // and inside a running inner instance, given as ancestor, a task can be activated; the body is no ancestor to create one in
    await expect(activate('mi-task', String(body.key))).rejects.toThrow("activation of multi-instance element 'mi'");
    const innerKey = String((instanceEvents(processInstanceKey, 'mi-task', 'ELEMENT_ACTIVATED').find((r) => String(r.key) === first.elementInstanceKey)!.value as { flowScopeKey: number }).flowScopeKey);
    await activate('mi-task', innerKey);
    await until(() => instanceEvents(processInstanceKey, 'mi-task', 'ELEMENT_ACTIVATED').filter((r) => String((r.value as { flowScopeKey: number }).flowScopeKey) === innerKey).length === 2);
    await h.client.cancelProcessInstance(processInstanceKey);
  });

  it('should send a case back from inside nested sub-processes to the step before them: the emptied scopes are terminated and entered again later', async () => {
    // given a case working inside outer (deep in inner, and other)
    const { processInstanceKey, deep, outerKey, innerKey } = await insideOuter();
    const other = await jobFor('mn-other', processInstanceKey);

    // when both tasks are terminated and prep is activated again (退回)
    await h.client.modifyProcessInstance({
      processInstanceKey,
      activateInstructions: [{ elementId: 'prep', ancestorElementInstanceKey: '-1', variableInstructions: [{ scopeId: '', variables: { sentBack: '材料不全' } }] }],
      terminateInstructions: [{ elementInstanceKey: deep.elementInstanceKey }, { elementInstanceKey: other.elementInstanceKey }],
    });

    // then inner and outer are terminated, not completed, and prep runs again with the reason
    const prep = await jobFor('mn-prep', processInstanceKey, undefined);
    expect(prep.variables).toMatchObject({ sentBack: '材料不全' });
    await until(() => h.records().some((r) => r.key === Number(outerKey) && r.intent === 'ELEMENT_TERMINATED'));
    const intents = (key: string) => h.records().filter((r) => r.valueType === 'PROCESS_INSTANCE' && r.recordType === 'EVENT' && String(r.key) === key).map((r) => r.intent);
    expect(intents(outerKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(intents(innerKey)).toEqual(['ELEMENT_ACTIVATING', 'ELEMENT_ACTIVATED', 'ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
    expect(lifecycleOf(h.records(), 'o-end1', processInstanceKey)).toEqual([]);

    // and completing prep enters the sub-processes again through their start events
    await h.client.completeJob({ jobKey: prep.key, variables: {} });
    await jobFor('mn-deep', processInstanceKey, undefined);
    expect(instanceEvents(processInstanceKey, 'outer', 'ELEMENT_ACTIVATED')).toHaveLength(2);
    expect(instanceEvents(processInstanceKey, 'o-start', 'ELEMENT_COMPLETED')).toHaveLength(2);
    await h.client.cancelProcessInstance(processInstanceKey);
  });
});
