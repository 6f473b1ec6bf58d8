/**
 * Timer and message start events: their timers and subscriptions open when a process version is
 * deployed (and those of the previous version close), and a trigger creates an instance at that start event.
 */
import { evaluateString, type ExecutableProcess } from '../../model/index.ts';
import { DEFAULT_TENANT, type ProcessInstanceValue, type VariableDocument } from '../../protocol/record.ts';
import { scheduleTimer, signalNameOf } from '../bpmn/behavior/event-behavior.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { ProcessingContext } from '../processing-context.ts';

/** Opens the start-event timers and message subscriptions of a newly deployed version; closes the previous version's. */
export function openEventStarts(ctx: ProcessingContext, processDefinitionKey: number, model: ExecutableProcess, previousKey: number | undefined): void {
  const events = ctx.state.events;
  if (previousKey !== undefined) {
    for (const key of events.startTimersOf(previousKey)) ctx.event(key, 'TIMER', 'CANCELED', events.timer(key)!);
    for (const subscription of events.startSubscriptionsOf(previousKey)) {
      ctx.event(ctx.nextKey(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'DELETED', subscription);
    }
    for (const signal of events.signals.startSubscriptionsOf(previousKey)) ctx.event(signal.key, 'SIGNAL_SUBSCRIPTION', 'DELETED', signal.value);
  }
  for (const id of model.eventStartIds ?? []) {
    const start = model.elements.get(id);
    if (!start) continue;
    if (start.eventType === 'TIMER') {
      const schedule = scheduleTimer(start, {}, ctx.now);
      if (!schedule.ok) continue; // a FEEL start timer that needs variables cannot be scheduled (Zeebe evaluates it without any too)
      ctx.event(ctx.nextKey(), 'TIMER', 'CREATED', {
        elementInstanceKey: -1,
        processInstanceKey: -1,
        dueDate: schedule.value.dueDate,
        targetElementId: id,
        repetitions: schedule.value.repetitions,
        processDefinitionKey,
        tenantId: DEFAULT_TENANT,
      });
    } else if (start.eventType === 'SIGNAL') {
      const name = signalNameOf(start, {});
      if (!name.ok) continue;
      ctx.event(ctx.nextKey(), 'SIGNAL_SUBSCRIPTION', 'CREATED', {
        processDefinitionKey,
        bpmnProcessId: model.bpmnProcessId,
        catchEventId: id,
        catchEventInstanceKey: -1,
        signalName: name.value,
        tenantId: DEFAULT_TENANT,
      });
    } else if (start.eventType === 'MESSAGE') {
      // Only the name: the correlation key of a start event's message is ignored (Zeebe), even when the message has one.
      if (!start.message) continue;
      const name = evaluateString(start.message.name, {});
      if (!name.ok) continue;
      ctx.event(ctx.nextKey(), 'MESSAGE_START_EVENT_SUBSCRIPTION', 'CREATED', {
        processDefinitionKey,
        bpmnProcessId: model.bpmnProcessId,
        startEventId: id,
        messageName: name.value,
        messageKey: -1,
        correlationKey: '',
        variables: {},
        processInstanceKey: -1,
        tenantId: DEFAULT_TENANT,
      });
    }
  }
}

/** Creates a process instance that starts at the given start event; returns its key (undefined when the definition is gone). */
export function startProcessAtEvent(
  ctx: ProcessingContext,
  processDefinitionKey: number,
  startEventId: string,
  variables: VariableDocument,
  processInstanceKey = ctx.nextKey(),
): number | undefined {
  const definition = ctx.state.deployments.processByKey(processDefinitionKey);
  const model = ctx.state.models.get(processDefinitionKey);
  const start = model?.elements.get(startEventId);
  if (!definition || !model || !start) return undefined;
  const processValue: ProcessInstanceValue = {
    bpmnElementType: 'PROCESS',
    elementId: definition.bpmnProcessId,
    bpmnProcessId: definition.bpmnProcessId,
    version: definition.version,
    processDefinitionKey,
    processInstanceKey,
    flowScopeKey: -1,
    bpmnEventType: 'UNSPECIFIED',
    parentProcessInstanceKey: -1,
    parentElementInstanceKey: -1,
    tenantId: definition.tenantId || DEFAULT_TENANT,
  };
  const bpmn = bpmnBehaviors(ctx);
  // With output mappings on the start event its event's variables are local to it (only the mapped ones reach the process).
  const held = start.outputMappings.length > 0 && Object.keys(variables).length > 0;
  if (!held) bpmn.variables.mergeLocal(processInstanceKey, variables, processValue);
  const processElement = { key: processInstanceKey, value: processValue, element: model.elements.get(model.bpmnProcessId)! };
  bpmn.transitions.activating(processElement);
  bpmn.transitions.activated(processElement);
  // The process's event sub-processes open when this start event completes (start-event-processor.ts).
  const startKey = bpmn.flows.activate(processValue, processInstanceKey, start);
  if (held) bpmn.events.holdEventVariables(startKey, { ...processValue, elementId: start.id }, variables);
  return processInstanceKey;
}
