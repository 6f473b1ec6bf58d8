/**
 * Deploy-time rules for timer, message, error and link events, message throw events, boundary events,
 * receive tasks and event-based gateways, worded after Zeebe's validators where Zeebe has a wording.
 */
import { checkStaticTimer } from '../timer/evaluate-timer.ts';
import { BOUNDARY_HOSTS, SUPPORTED_ELEMENTS } from './element-table.ts';
import type { ElementRow } from './element-table.ts';
import { elementList, elementProp, extension, localTypeName, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { eventDefinition, isMessageThrowEvent, messageElement, readLinkName, signalElement, timerParts } from './read-event-definitions.ts';
import { compensateDefinition } from './read-compensation.ts';
import { validateCompensation, validateCompensationBoundary } from './validate-compensation.ts';
import { inEventSubProcess } from './validate-event-sub-process.ts';
import { checkExpression } from './validate-expression.ts';
import { validateImplementation } from './validate-extensions.ts';

/** Timer kinds allowed per element type. */
const TIMER_KINDS_OF: Record<string, readonly string[]> = {
  START_EVENT: ['timeDate', 'timeCycle'],
  INTERMEDIATE_CATCH_EVENT: ['timeDuration', 'timeDate'],
  BOUNDARY_EVENT: ['timeDuration', 'timeDate', 'timeCycle'],
};

/** Validates the event details of one flow node; `outgoing` are its outgoing sequence flows. */
export function validateEventDetails(
  node: ModdleElement,
  row: ElementRow,
  outgoing: readonly ModdleElement[],
  report: (message: string) => void,
): void {
  const definition = eventDefinition(node);
  if (row.type === 'INTERMEDIATE_CATCH_EVENT' && !definition) {
    report('Must have exactly one event definition');
  }
  if (definition?.$type === 'bpmn:TimerEventDefinition') validateTimer(definition, row, node, report);
  if (isMessageThrowEvent(node)) validateImplementation(node, { ...row, implementation: 'job' }, report);
  else if (definition?.$type === 'bpmn:MessageEventDefinition' || row.type === 'RECEIVE_TASK') validateMessage(node, row, report);
  if (definition?.$type === 'bpmn:LinkEventDefinition') validateLink(node, definition, outgoing, report);
  if (definition?.$type === 'bpmn:ErrorEventDefinition') validateError(definition, row, report);
  if (definition?.$type === 'bpmn:SignalEventDefinition') validateSignal(node, report);
  if (definition?.$type === 'bpmn:EscalationEventDefinition') validateEscalation(node, definition, row, report);
  validateCompensation(node, row, report);
  if (row.type === 'BOUNDARY_EVENT') {
    if (compensateDefinition(node)) validateCompensationBoundary(node, outgoing, report);
    else validateBoundary(node, outgoing, report);
  }
  if (row.type === 'EVENT_BASED_GATEWAY') validateEventBasedGateway(outgoing, report);
}

function validateTimer(definition: ModdleElement, row: ElementRow, node: ModdleElement, report: (message: string) => void): void {
  const parts = timerParts(definition);
  if (parts.length !== 1) {
    report('Timer event definition must have exactly one of timeDate, timeDuration or timeCycle');
    return;
  }
  const { kind, text } = parts[0]!;
  // Start events of event sub-processes take every timer kind (Zeebe: duration, date and cycle).
  const allowed = inEventSubProcess(node) ? TIMER_KINDS_OF.BOUNDARY_EVENT! : (TIMER_KINDS_OF[row.type] ?? []);
  if (!allowed.includes(kind)) {
    report(`Timer of type '${kind}' is not supported on elements of type '${localTypeName(node.$type)}' (allowed: ${allowed.join(', ')})`);
    return;
  }
  if (row.type === 'BOUNDARY_EVENT' && kind === 'timeCycle' && node.cancelActivity !== false) {
    report('Interrupting timer boundary events must not have a timeCycle; use a non-interrupting boundary event for repetitions');
  }
  if (text === '') {
    report(`Expected a ${kind} expression but found none`);
    return;
  }
  if (text.startsWith('=')) {
    checkExpression(text, { mandatory: true }).forEach(report);
    return;
  }
  const problem = checkStaticTimer(kind, text);
  if (problem) report(problem);
}

function validateMessage(node: ModdleElement, row: ElementRow, report: (message: string) => void): void {
  const message = messageElement(node);
  if (!message) {
    report('Must reference a message');
    return;
  }
  const name = message.name;
  if (name === undefined || name.trim() === '') {
    report(`Message '${message.id ?? ''}': Must have a name`);
  } else if (name.startsWith('=')) {
    checkExpression(name, { mandatory: true }).forEach(report);
  }
  // Process-level message start events need no correlation key; those of event sub-processes do.
  if (row.type === 'START_EVENT' && !inEventSubProcess(node)) return;
  const subscription = extension(message, 'zeebe:Subscription');
  const correlationKey = subscription ? stringProp(subscription, 'correlationKey') : undefined;
  if (correlationKey === undefined || correlationKey === '') {
    report(`Message '${message.id ?? ''}': Must have a correlation key (zeebe:subscription correlationKey)`);
  } else {
    checkExpression(correlationKey, { mandatory: true, nonStatic: true }).forEach(report);
  }
}

function validateError(definition: ModdleElement, row: ElementRow, report: (message: string) => void): void {
  const error = elementProp(definition, 'errorRef');
  const code = error ? stringProp(error, 'errorCode') : undefined;
  if (row.type === 'END_EVENT') {
    if (!error) report('Must reference an error');
    else if (code === undefined || code === '') report(`Error '${error.id ?? ''}': ErrorCode must be present and not empty`);
  }
  if (code?.startsWith('=')) checkExpression(code, { mandatory: true }).forEach(report);
}

function validateBoundary(node: ModdleElement, outgoing: readonly ModdleElement[], report: (message: string) => void): void {
  const host = elementProp(node, 'attachedToRef');
  if (!host) {
    report('Must be attached to an activity (attachedToRef)');
  } else {
    const hostRow = SUPPORTED_ELEMENTS.get(host.$type);
    if (!hostRow || !BOUNDARY_HOSTS.has(hostRow.type)) {
      report(
        `Boundary events attached to elements of type '${localTypeName(host.$type)}' ('${host.id ?? ''}') are currently not supported by the embedded broker`,
      );
    }
  }
  if (elementList(node, 'eventDefinitions').length === 0) report('Must have exactly one event definition');
  if (outgoing.length === 0) report('Must have at least one outgoing sequence flow');
  const definition = eventDefinition(node);
  if (definition?.$type === 'bpmn:ErrorEventDefinition' && node.cancelActivity === false) {
    report('Error boundary events must be interrupting');
  }
}

function validateEventBasedGateway(outgoing: readonly ModdleElement[], report: (message: string) => void): void {
  if (outgoing.length < 2) report('Event-based gateway must have at least 2 outgoing sequence flows.');
  for (const flow of outgoing) {
    const target = elementProp(flow, 'targetRef');
    const type = target ? eventDefinition(target)?.$type : undefined;
    const catchable = type === 'bpmn:TimerEventDefinition' || type === 'bpmn:MessageEventDefinition' || type === 'bpmn:SignalEventDefinition';
    if (target?.$type !== 'bpmn:IntermediateCatchEvent' || !catchable) {
      report(
        'Event-based gateway must not have an outgoing sequence flow to other elements than message/timer/signal intermediate catch events.',
      );
      return;
    }
    if (elementList(target, 'incoming').length > 1) {
      report(`Target '${target.id ?? ''}' of an event-based gateway must not have other incoming sequence flows`);
    }
  }
}

function validateSignal(node: ModdleElement, report: (message: string) => void): void {
  const signal = signalElement(node);
  if (!signal) {
    report('Must reference a signal');
    return;
  }
  const name = signal.name;
  if (name === undefined || name.trim() === '') report(`Signal '${signal.id ?? ''}': Must have a name`);
  else if (name.startsWith('=')) checkExpression(name, { mandatory: true }).forEach(report);
}

function validateEscalation(node: ModdleElement, definition: ModdleElement, row: ElementRow, report: (message: string) => void): void {
  const escalation = elementProp(definition, 'escalationRef');
  const code = escalation ? stringProp(escalation, 'escalationCode') : undefined;
  // Catch events (boundary, event sub-process start) may omit the escalation: they catch all.
  if (row.type !== 'BOUNDARY_EVENT' && row.type !== 'START_EVENT') {
    if (!escalation) report('Must reference an escalation');
    else if (code === undefined || code === '') report(`Escalation '${escalation.id ?? ''}': EscalationCode must be present and not empty`);
  } else {
    const host = elementProp(node, 'attachedToRef');
    if (host && host.$type !== 'bpmn:SubProcess' && host.$type !== 'bpmn:CallActivity') {
      report('An escalation boundary event should only be attached to a subprocess, or a call activity');
    }
  }
  if (code?.startsWith('=')) checkExpression(code, { mandatory: true }).forEach(report);
}

/** Sibling flow elements of a node (its flow scope's flow elements). */
function siblings(node: ModdleElement): ModdleElement[] {
  return node.$parent ? elementList(node.$parent, 'flowElements') : [];
}

/**
 * Link events: a name; a throw needs a catch of that name in its flow scope (Zeebe's wording); catch
 * names are unique per scope (Zeebe's wording); a catch has no incoming and a throw no outgoing
 * sequence flows (BPMN: the link stands in for the flow).
 */
function validateLink(node: ModdleElement, definition: ModdleElement, outgoing: readonly ModdleElement[], report: (message: string) => void): void {
  const name = definition.name;
  if (name === undefined || name === '') {
    report('Link name must be present and not empty.');
    return;
  }
  const catchesNamed = siblings(node).filter((other) => other.$type === 'bpmn:IntermediateCatchEvent' && readLinkName(other) === name);
  if (node.$type === 'bpmn:IntermediateThrowEvent') {
    if (catchesNamed.length === 0) report(`Can't find an catch link event for the throw link event with the name '${name}'.`);
    if (outgoing.length > 0) report('A link throw event must not have outgoing sequence flows; the path continues at the link catch event of the same name');
    return;
  }
  if (catchesNamed.length > 1) report(`Multiple intermediate catch link event definitions with the same name '${name}' are not allowed.`);
  const incoming = siblings(node).filter((flow) => flow.$type === 'bpmn:SequenceFlow' && elementProp(flow, 'targetRef') === node);
  if (incoming.length > 0) report('A link catch event must not have incoming sequence flows; it is entered from a link throw event of the same name');
}
