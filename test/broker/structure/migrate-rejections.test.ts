/**
 * MigrateProcessInstance rejections for catch events and waiting states, in Zeebe 8.6/8.7's wording:
 * detached, merged or retyped catch events, a message the element is already subscribed to, a
 * subscription whose expression fails, a token waiting at a parallel join (a "concurrent command"),
 * and unsupported active elements. A rejected migration changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobOf } from '../engine/support/engine-harness.ts';
import { rawClient, type RawGatewayClient } from '../engine/support/raw-gateway-client.ts';
import { boundary, catchEvent, end, flow, message, messageDef, processXml, serviceTask, start, timerDef, withRoots } from '../events/support/event-bpmn.ts';
import { startEventsHarness, type EventsHarness } from '../events/support/events-harness.ts';
import { eventsOf, migrate } from './support/migration-support.ts';

/** Two tasks in a row, each with boundary events given as [id, definition]. */
const twoTasks = (first: [string, string][], second: [string, string][], extraRoots: string[] = []) =>
  withRoots(
    processXml(
      'mr-pair',
      [
        start(),
        serviceTask('A', 'mr-a'),
        serviceTask('B', 'mr-b'),
        ...first.map(([id, def]) => boundary(id, 'A', def)),
        ...second.map(([id, def]) => boundary(id, 'B', def)),
        end(),
        ...[...first, ...second].map(([id]) => end(`${id}-end`)),
        flow('f1', 'start', 'A'),
        flow('f2', 'A', 'B'),
        flow('f3', 'B', 'end'),
        ...[...first, ...second].map(([id]) => flow(`${id}-f`, id, `${id}-end`)),
      ].join('\n'),
    ),
    [message('m-docs', 'mr-docs', '=caseNo'), ...extraRoots],
  );

const hour = timerDef('timeDuration', 'PT1H');
const docs = messageDef('m-docs');

describe('MigrateProcessInstance rejections', () => {
  let h: EventsHarness;
  let raw: RawGatewayClient;
  let pi: string;

  beforeAll(async () => {
    h = await startEventsHarness();
    raw = rawClient(h.broker.address);
    // a case waiting at A, which has a timer (T1) and a message (M1) boundary
    await h.deploy('mr-pair.bpmn', twoTasks([['T1', hour], ['M1', docs]], []));
    ({ processInstanceKey: pi } = await h.client.createProcessInstance({ bpmnProcessId: 'mr-pair', variables: { caseNo: 'MR-1' } }));
    await jobOf(h.client, 'mr-a', pi);
  });

  afterAll(async () => {
    raw.close();
    await h.close();
  });

  const rejection = (reason: string) => ({ code: 9, details: `Command 'MIGRATE' rejected with code 'INVALID_STATE': ${reason}` });

  it('should reject a catch event mapped to a catch event of another element', async () => {
    const target = await h.deploy('mr-pair.bpmn', twoTasks([], [['T9', hour]]));
    await expect(migrate(raw, pi, target, [['A', 'A'], ['T1', 'T9']])).rejects.toMatchObject(
      rejection(
        `Expected to migrate process instance '${pi}' but active element with id 'A' is mapped to an element with id 'A' and has a catch event with id 'T1' that is mapped to a catch event with id 'T9'. These mappings detach the catch event from the element in the target process. Catch events must stay attached to the same element instance.`,
      ),
    );
  });

  it('should reject two catch events mapped onto one and a catch event mapped to another event type', async () => {
    const target = await h.deploy('mr-pair.bpmn', twoTasks([['T2', hour], ['M2', docs]], []));
    await expect(migrate(raw, pi, target, [['A', 'A'], ['T1', 'T2'], ['M1', 'T2']])).rejects.toMatchObject(
      rejection(
        `Expected to migrate process instance '${pi}' but active element with id 'A' has a catch event attached that is mapped to a catch event with id 'T2'. There are multiple mapping instructions that target this catch event: 'M1', 'T1'. Catch events cannot be merged by process instance migration. Please ensure the mapping instructions target a catch event only once.`,
      ),
    );
    await expect(migrate(raw, pi, target, [['A', 'A'], ['T1', 'M2'], ['M1', 'T2']])).rejects.toMatchObject(
      rejection(
        `Expected to migrate process instance '${pi}' but active element with id 'A' has a catch event with id 'T1' that is mapped to a catch event with id 'M2'. These catch events have different event types: 'TIMER' and 'MESSAGE'. The event type of a catch event cannot be changed by process instance migration. Please ensure the event type of the catch event remains the same or remove the mapping instruction for these catch events.`,
      ),
    );
  });

  it('should reject re-subscribing to a message the element is already subscribed to unless the catch event is mapped', async () => {
    const target = await h.deploy('mr-pair.bpmn', twoTasks([['M2', docs]], []));
    await expect(migrate(raw, pi, target, [['A', 'A']])).rejects.toMatchObject(
      rejection(
        `Expected to migrate process instance '${pi}' but active element with id 'A' attempts to subscribe to a message it is already subscribed to with name 'mr-docs'. Migrating active elements that subscribe to a message they are already subscribed to is not possible yet. Please provide a mapping instruction to message catch event with id 'M2' to migrate the respective message subscription.`,
      ),
    );
  });

  it('should reject a target catch event whose subscription cannot be evaluated', async () => {
    const target = await h.deploy('mr-pair.bpmn', twoTasks([['T3', timerDef('timeDuration', '=deadline')]], []));
    await expect(migrate(raw, pi, target, [['A', 'A']])).rejects.toMatchObject({
      code: 9,
      details: expect.stringContaining(`Expected to migrate process instance '${pi}' but active element with id 'A' is mapped to element with id 'A' that must be subscribed to a catch event.`),
    });
    // and none of the rejected migrations changed the case
    expect(eventsOf(h.records(), 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', pi)).toHaveLength(0);
    expect(eventsOf(h.records(), 'TIMER', 'CANCELED', pi)).toHaveLength(0);
    expect(eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'DELETED', pi)).toHaveLength(0);
  });

  it('should reject mapping a job-worker user task to a Camunda user task', async () => {
    const approval = (extensions: string) =>
      processXml('mr-approve', [start(), `<bpmn:userTask id="approve">${extensions}</bpmn:userTask>`, end(), flow('f1', 'start', 'approve'), flow('f2', 'approve', 'end')].join('\n'));
    await h.deploy('mr-approve.bpmn', approval(''));
    const { processInstanceKey: ut } = await h.client.createProcessInstance({ bpmnProcessId: 'mr-approve', variables: {} });
    await h.waitForRecord((r) => r.valueType === 'JOB' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === ut);
    const target = await h.deploy('mr-approve.bpmn', approval('<bpmn:extensionElements><zeebe:userTask /></bpmn:extensionElements>'));
    await expect(migrate(raw, ut, target, [['approve', 'approve']])).rejects.toMatchObject(
      rejection(
        `Expected to migrate process instance '${ut}' but active user task with id 'approve' and implementation 'job worker' is mapped to an user task with id 'approve' and different implementation 'zeebe user task'. Elements must be mapped to elements of the same implementation.`,
      ),
    );
  });

  it('should reject a case with a token waiting at a parallel join as a concurrent command', async () => {
    // given a case whose first branch reached the join while the second still works
    const parallel = (ids: [string, string]) =>
      processXml(
        'mr-par',
        [
          start(),
          '<bpmn:parallelGateway id="fork" />',
          serviceTask(ids[0], 'mr-left'),
          serviceTask(ids[1], 'mr-right'),
          '<bpmn:parallelGateway id="join" />',
          end(),
          flow('f1', 'start', 'fork'),
          flow('f2', 'fork', ids[0]),
          flow('f3', 'fork', ids[1]),
          flow('f4', ids[0], 'join'),
          flow('f5', ids[1], 'join'),
          flow('f6', 'join', 'end'),
        ].join('\n'),
      );
    await h.deploy('mr-par.bpmn', parallel(['left', 'right']));
    const { processInstanceKey: par } = await h.client.createProcessInstance({ bpmnProcessId: 'mr-par', variables: {} });
    await h.client.completeJob({ jobKey: (await jobOf(h.client, 'mr-left', par)).key, variables: {} });
    await jobOf(h.client, 'mr-right', par);
    const target = await h.deploy('mr-par.bpmn', parallel(['left', 'right2']));
    // when / then
    await expect(migrate(raw, par, target, [['right', 'right2']])).rejects.toMatchObject(
      rejection(`Expected to migrate process instance '${par}' but a concurrent command was executed on the process instance. Please retry the migration.`),
    );
  });

  it('should migrate an event-based gateway with its subscriptions: mapped catch events migrate, unmapped ones are re-opened', async () => {
    // given a case waiting at an event-based gateway (documents or a 1 h timeout)
    const gateway = (suffix: string) =>
      withRoots(
        processXml(
          'mr-gw',
          [
            start(),
            `<bpmn:eventBasedGateway id="wait${suffix}" />`,
            catchEvent(`docs${suffix}`, docs),
            catchEvent(`timeout${suffix}`, hour),
            serviceTask(`handle${suffix}`, 'mr-handle'),
            end(),
            end('end-timeout'),
            flow('f1', 'start', `wait${suffix}`),
            flow('f2', `wait${suffix}`, `docs${suffix}`),
            flow('f3', `wait${suffix}`, `timeout${suffix}`),
            flow('f4', `docs${suffix}`, `handle${suffix}`),
            flow('f5', `handle${suffix}`, 'end'),
            flow('f6', `timeout${suffix}`, 'end-timeout'),
          ].join('\n'),
        ),
        [message('m-docs', 'mr-docs', '=caseNo')],
      );
    await h.deploy('mr-gw.bpmn', gateway('1'));
    const { processInstanceKey: gw } = await h.client.createProcessInstance({ bpmnProcessId: 'mr-gw', variables: { caseNo: 'MR-GW' } });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === gw);
    const target = await h.deploy('mr-gw.bpmn', gateway('2'));
    // when the gateway and its message catch event are mapped (the timer catch event is not)
    await migrate(raw, gw, target, [['wait1', 'wait2'], ['docs1', 'docs2']]);
    // then the message subscription is migrated, the timer closed and re-opened for timeout2
    expect(eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', gw).map((r) => (r.value as { elementId: string }).elementId)).toEqual(['docs2']);
    expect(eventsOf(h.records(), 'TIMER', 'CANCELED', gw).map((r) => (r.value as { targetElementId: string }).targetElementId)).toEqual(['timeout1']);
    expect(eventsOf(h.records(), 'TIMER', 'CREATED', gw).map((r) => (r.value as { targetElementId: string }).targetElementId)).toEqual(['timeout1', 'timeout2']);
    // and the documents take version 2's path
    await h.client.publishMessage({ name: 'mr-docs', correlationKey: 'MR-GW', variables: {}, timeToLive: 0 });
    expect(await jobOf(h.client, 'mr-handle', gw)).toMatchObject({ elementId: 'handle2', processDefinitionVersion: 2 });
  });

  it('should migrate a receive task with its message subscription and reject an active element of a type Zeebe does not migrate', async () => {
    // given a case waiting in a receive task, and one stuck in a manual task whose input mapping failed
    const receive = (id: string) =>
      withRoots(
        processXml('mr-recv', [start(), `<bpmn:receiveTask id="${id}" messageRef="m-docs" />`, end(), flow('f1', 'start', id), flow('f2', id, 'end')].join('\n')),
        [message('m-docs', 'mr-docs', '=caseNo')],
      );
    await h.deploy('mr-recv.bpmn', receive('receive1'));
    const { processInstanceKey: rc } = await h.client.createProcessInstance({ bpmnProcessId: 'mr-recv', variables: { caseNo: 'MR-RC' } });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_MESSAGE_SUBSCRIPTION' && r.intent === 'CREATED' && String((r.value as { processInstanceKey: number }).processInstanceKey) === rc);
    const receiveV2 = await h.deploy('mr-recv.bpmn', receive('receive2'));
    // when / then the receive task keeps its subscription under its new id and completes on the message
    await migrate(raw, rc, receiveV2, [['receive1', 'receive2']]);
    expect(eventsOf(h.records(), 'PROCESS_MESSAGE_SUBSCRIPTION', 'MIGRATED', rc).map((r) => (r.value as { elementId: string }).elementId)).toEqual(['receive2']);
    await h.client.publishMessage({ name: 'mr-docs', correlationKey: 'MR-RC', variables: {}, timeToLive: 0 });
    await h.waitForRecord((r) => r.valueType === 'PROCESS_INSTANCE' && r.intent === 'ELEMENT_COMPLETED' && String(r.key) === rc);
    const manual = `<bpmn:manualTask id="sort"><bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=assert(tray, tray != null)" target="t" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:manualTask>`;
    const sorter = processXml('mr-manual', [start(), manual, end(), flow('f1', 'start', 'sort'), flow('f2', 'sort', 'end')].join('\n'));
    const sorterKey = await h.deploy('mr-manual.bpmn', sorter);
    const { processInstanceKey: mt } = await h.client.createProcessInstance({ bpmnProcessId: 'mr-manual', variables: {} });
    await h.waitForRecord((r) => r.valueType === 'INCIDENT' && String((r.value as { processInstanceKey: number }).processInstanceKey) === mt);
    await expect(migrate(raw, mt, sorterKey, [['sort', 'sort']])).rejects.toMatchObject(
      rejection(`Expected to migrate process instance '${mt}' but active element with id 'sort' has an unsupported type. The migration of a MANUAL_TASK is not supported.`),
    );
  });
});
