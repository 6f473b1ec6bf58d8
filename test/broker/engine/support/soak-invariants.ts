/**
 * Invariants of a quiet engine for the randomized workload test: every element instance waits somewhere
 * legitimate and nothing (timer, subscription, job, incident, child, compensation subscription) outlives its
 * element or process instance.
 */
import type { BrokerEngine } from '../../../../engine/broker/engine/broker-engine.ts';

interface SnapshotInstance {
  key: number;
  state: string;
  value: {
    bpmnElementType: string;
    bpmnEventType: string;
    elementId: string;
    flowScopeKey: number;
    processInstanceKey: number;
    processDefinitionKey: number;
    parentElementInstanceKey: number;
    version: number;
  };
  childCount: number;
  activeFlows: number;
  pendingFlows?: [string, [string, number][]][];
  jobKey: number;
  calledChildKey?: number;
}

/** What a snapshot holds (the parts the invariants read). */
export interface Snapshot {
  elementInstances: SnapshotInstance[];
  jobs: { key: number; state: string; value: { elementInstanceKey: number; type: string } }[];
  incidents: [number, { elementInstanceKey: number; jobKey: number; errorType: string }][];
  events: {
    timers: [number, { elementInstanceKey: number; targetElementId?: string }][];
    subscriptions: [number, { elementInstanceKey: number; messageName: string; elementId: string }][];
    triggers: [number, { scopeKey: number }][];
    signals: [number, { catchEventInstanceKey: number; signalName: string; catchEventId: string }][];
  };
  compensations: [
    number,
    {
      processInstanceKey: number;
      compensableActivityId: string;
      compensableActivityInstanceKey: number;
      compensableActivityScopeKey: number;
      compensationHandlerId: string;
      throwEventId: string;
      throwEventInstanceKey: number;
      compensationHandlerInstanceKey: number;
    },
  ][];
}

const CONTAINERS = new Set(['PROCESS', 'SUB_PROCESS', 'EVENT_SUB_PROCESS', 'MULTI_INSTANCE_BODY']);
/** Elements that wait for a job while ELEMENT_ACTIVATED (a business rule task calling a decision completes within its activation). */
const JOB_ELEMENTS = new Set(['SERVICE_TASK', 'USER_TASK', 'BUSINESS_RULE_TASK', 'INTERMEDIATE_THROW_EVENT']);
/** Incidents of a business rule task's decision (it stays ELEMENT_ACTIVATING until they are resolved). */
const DECISION_INCIDENTS = new Set(['DECISION_EVALUATION_ERROR', 'CALLED_DECISION_ERROR']);
/** Whether an element instance is a compensation intermediate throw or end event (it waits for handlers, not a job). */
const isCompensationThrow = (i: SnapshotInstance): boolean =>
  i.value.bpmnEventType === 'COMPENSATION' && (i.value.bpmnElementType === 'INTERMEDIATE_THROW_EVENT' || i.value.bpmnElementType === 'END_EVENT');

/** The engine's state snapshot in the shape the invariants read. */
export function soakSnapshot(engine: BrokerEngine): Snapshot {
  return engine.state.snapshot() as Snapshot;
}

/** Violations of the invariants (empty when the state is sound); `inclusiveJoins` names the models' converging inclusive gateways. */
export function invariantViolations(engine: BrokerEngine, inclusiveJoins: ReadonlySet<string> = new Set()): string[] {
  const snap = soakSnapshot(engine);
  const problems: string[] = [];
  const byKey = new Map(snap.elementInstances.map((i) => [i.key, i]));
  const incidentOn = new Set(snap.incidents.map(([, i]) => i.elementInstanceKey));
  const jobs = new Map(snap.jobs.map((j) => [j.key, j]));
  const describe = (i: SnapshotInstance): string => `${i.value.bpmnElementType} '${i.value.elementId}' ${i.key} (${i.state}, instance ${i.value.processInstanceKey})`;
  // triggered compensation subscriptions not completed yet, by throw event instance
  const triggered = new Set(snap.compensations.filter(([, c]) => c.throwEventInstanceKey > 0).map(([, c]) => c.throwEventInstanceKey));
  for (const i of snap.elementInstances) {
    const type = i.value.bpmnElementType;
    if (!engine.state.models.element(i.value.processDefinitionKey, i.value.elementId) && type !== 'PROCESS' && type !== 'MULTI_INSTANCE_BODY') {
      problems.push(`${describe(i)}: element '${i.value.elementId}' is not in its process definition ${i.value.processDefinitionKey}`);
    }
    if (type !== 'PROCESS' && !byKey.has(i.value.flowScopeKey)) problems.push(`${describe(i)}: flow scope ${i.value.flowScopeKey} is gone`);
    if (type === 'PROCESS' && i.value.parentElementInstanceKey > 0 && !byKey.has(i.value.parentElementInstanceKey)) {
      problems.push(`${describe(i)}: calling element instance ${i.value.parentElementInstanceKey} is gone`);
    }
    if (incidentOn.has(i.key)) continue;
    if (i.state !== 'ELEMENT_ACTIVATED') {
      problems.push(`${describe(i)}: left in a transient state without an incident`);
      continue;
    }
    if (CONTAINERS.has(type) && i.childCount === 0 && i.activeFlows === 0) problems.push(`${describe(i)}: active with no children and no pending tokens`);
    const waiting = (i.pendingFlows ?? []).filter(([, flows]) => flows.some(([, n]) => n > 0)).map(([target]) => target);
    if (CONTAINERS.has(type) && i.childCount === 0 && waiting.length > 0 && waiting.every((target) => inclusiveJoins.has(target))) {
      problems.push(`${describe(i)}: tokens wait at inclusive join(s) ${waiting.join(', ')} that no path can reach any more`);
    }
    if (type === 'CALL_ACTIVITY' && (i.calledChildKey === undefined || !byKey.has(i.calledChildKey))) problems.push(`${describe(i)}: its called instance is gone`);
    if (isCompensationThrow(i) && !triggered.has(i.key)) problems.push(`${describe(i)}: compensation throw event waits for no handler`);
    if (JOB_ELEMENTS.has(type) && !isCompensationThrow(i) && i.value.elementId !== 'jump' && (i.jobKey === 0 || !jobs.has(i.jobKey)) && !snap.incidents.some(([, n]) => n.jobKey === i.jobKey && i.jobKey > 0)) {
      problems.push(`${describe(i)}: waits for a job that does not exist (${i.jobKey})`);
    }
  }
  for (const [key, timer] of snap.events.timers) {
    if (timer.elementInstanceKey > 0 && !byKey.has(timer.elementInstanceKey)) problems.push(`timer ${key} (${timer.targetElementId}): element instance ${timer.elementInstanceKey} is gone`);
  }
  for (const [key, sub] of snap.events.subscriptions) {
    if (!byKey.has(sub.elementInstanceKey)) problems.push(`message subscription ${key} (${sub.messageName}): element instance ${sub.elementInstanceKey} is gone`);
  }
  for (const [key, sub] of snap.events.signals) {
    if (sub.catchEventInstanceKey > 0 && !byKey.has(sub.catchEventInstanceKey)) problems.push(`signal subscription ${key} (${sub.signalName}): element instance ${sub.catchEventInstanceKey} is gone`);
  }
  for (const [key, trigger] of snap.events.triggers) {
    if (!byKey.has(trigger.scopeKey)) problems.push(`event trigger ${key}: scope ${trigger.scopeKey} is gone`);
  }
  // one element instance waits at most once for each of its catch events
  const duplicates = (kind: string, owners: [number, string][]): void => {
    const seen = new Set<string>();
    for (const [owner, target] of owners) {
      const id = `${owner}/${target}`;
      if (seen.has(id)) problems.push(`${kind} of element instance ${owner} for '${target}' opened twice`);
      seen.add(id);
    }
  };
  duplicates('timer', snap.events.timers.filter(([, t]) => t.elementInstanceKey > 0).map(([, t]) => [t.elementInstanceKey, t.targetElementId ?? '']));
  duplicates('message subscription', snap.events.subscriptions.map(([, m]) => [m.elementInstanceKey, m.elementId]));
  duplicates('signal subscription', snap.events.signals.filter(([, t]) => t.catchEventInstanceKey > 0).map(([, t]) => [t.catchEventInstanceKey, t.catchEventId]));
  for (const job of snap.jobs) {
    if (!byKey.has(job.value.elementInstanceKey)) problems.push(`job ${job.key} (${job.value.type}): element instance ${job.value.elementInstanceKey} is gone`);
  }
  for (const [key, incident] of snap.incidents) {
    const owner = byKey.get(incident.elementInstanceKey);
    if (!owner) problems.push(`incident ${key} (${incident.errorType}): element instance ${incident.elementInstanceKey} is gone`);
    else if (DECISION_INCIDENTS.has(incident.errorType)) {
      // a decision incident belongs to a business rule task, still in its definition, waiting to activate (a migration
      // carries the incident over as it is, even to a job-based business rule task: resolving it then creates the job)
      const element = engine.state.models.element(owner.value.processDefinitionKey, owner.value.elementId);
      if (owner.value.bpmnElementType !== 'BUSINESS_RULE_TASK' || owner.state !== 'ELEMENT_ACTIVATING' || element?.type !== 'BUSINESS_RULE_TASK') {
        problems.push(`incident ${key} (${incident.errorType}) on ${describe(owner)}, which is not a business rule task of its definition waiting to activate`);
      }
    }
  }
  for (const [key, subscription] of snap.compensations) {
    const what = `compensation subscription ${key} (${subscription.compensableActivityId}${subscription.throwEventId ? `, triggered by ${subscription.throwEventId}` : ''})`;
    if (!byKey.has(subscription.processInstanceKey)) problems.push(`${what}: process instance ${subscription.processInstanceKey} is gone`);
    if (byKey.has(subscription.compensableActivityInstanceKey)) problems.push(`${what}: its activity instance ${subscription.compensableActivityInstanceKey} is still there`);
    // a sub-process or body subscription (no handler) only stands for the subscriptions below it: alone, a throw would wait for it forever
    const below = snap.compensations.some(([, inner]) => inner.compensableActivityScopeKey === subscription.compensableActivityInstanceKey);
    if (subscription.compensationHandlerId === '' && !below) problems.push(`${what}: stands for nothing (no subscription below it)`);
    // a running handler runs in the flow scope of the event that threw the compensation
    const handler = byKey.get(subscription.compensationHandlerInstanceKey);
    const thrower = byKey.get(subscription.throwEventInstanceKey);
    if (handler && thrower && handler.value.flowScopeKey !== thrower.value.flowScopeKey) {
      problems.push(`${what}: handler ${describe(handler)} runs outside the flow scope of its throw event ${describe(thrower)}`);
    }
  }
  // a compensation handler that compensation started belongs to a triggered subscription (else its completion completes nothing)
  const handlerKeys = new Set(snap.compensations.map(([, c]) => c.compensationHandlerInstanceKey));
  for (const i of snap.elementInstances) {
    if (i.value.bpmnEventType !== 'COMPENSATION' || isCompensationThrow(i) || i.value.bpmnElementType === 'BOUNDARY_EVENT') continue;
    const scope = byKey.get(i.value.flowScopeKey);
    const inner = scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' && scope.value.elementId === i.value.elementId;
    if (!inner && !handlerKeys.has(i.key)) problems.push(`${describe(i)}: compensation handler without a triggered subscription`);
  }
  return problems;
}

/** What is left of process instances once every instance ended: should be nothing. */
export function leftovers(engine: BrokerEngine): string[] {
  const snap = soakSnapshot(engine);
  return [
    ...snap.elementInstances.map((i) => `element instance ${i.value.elementId} ${i.key} (${i.state})`),
    ...snap.jobs.map((j) => `job ${j.key} (${j.value.type}, ${j.state})`),
    ...snap.incidents.map(([key, i]) => `incident ${key} (${i.errorType})`),
    ...snap.events.timers.filter(([, t]) => t.elementInstanceKey > 0).map(([key, t]) => `timer ${key} (${t.targetElementId})`),
    ...snap.events.subscriptions.map(([key, s]) => `message subscription ${key} (${s.messageName})`),
    ...snap.events.signals.filter(([, s]) => s.catchEventInstanceKey > 0).map(([key, s]) => `signal subscription ${key} (${s.signalName})`),
    ...snap.events.triggers.map(([key]) => `event trigger ${key}`),
    ...snap.compensations.map(([key, c]) => `compensation subscription ${key} (${c.compensableActivityId}${c.throwEventId ? `, triggered by ${c.throwEventId}` : ''})`),
  ];
}
