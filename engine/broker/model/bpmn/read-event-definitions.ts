/** Reads the event details Zeebe executes: timer, message and error definitions, boundary attachment. */
import { parseExpression } from '../feel/expression.ts';
import type { ErrorDefinition, EscalationDefinition, MessageDefinition, SignalDefinition, TimerDefinition } from '../types.ts';
import { elementList, elementProp, extension, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';

/** The timer kinds in the order Zeebe looks for them. */
export const TIMER_KINDS = ['timeDuration', 'timeDate', 'timeCycle'] as const;

/** The first event definition of an event (events carry at most one; validation reports more). */
export function eventDefinition(node: ModdleElement): ModdleElement | undefined {
  return elementList(node, 'eventDefinitions')[0];
}

/** Timer kinds present on a timer event definition, with their expression text. */
export function timerParts(definition: ModdleElement): { kind: TimerDefinition['kind']; text: string }[] {
  const parts: { kind: TimerDefinition['kind']; text: string }[] = [];
  for (const kind of TIMER_KINDS) {
    const expression = elementProp(definition, kind);
    if (expression) parts.push({ kind, text: (stringProp(expression, 'body') ?? '').trim() });
  }
  return parts;
}

/** The timer of a timer event. */
export function readTimer(node: ModdleElement): TimerDefinition | undefined {
  const definition = eventDefinition(node);
  if (definition?.$type !== 'bpmn:TimerEventDefinition') return undefined;
  const part = timerParts(definition)[0];
  return part ? { kind: part.kind, expression: parseExpression(part.text) } : undefined;
}

/** The referenced `bpmn:message` of a message event definition or receive task. */
export function messageElement(node: ModdleElement): ModdleElement | undefined {
  if (node.$type === 'bpmn:ReceiveTask') return elementProp(node, 'messageRef');
  const definition = eventDefinition(node);
  return definition?.$type === 'bpmn:MessageEventDefinition' ? elementProp(definition, 'messageRef') : undefined;
}

/** The message of a message event or receive task. */
export function readMessage(node: ModdleElement): MessageDefinition | undefined {
  const message = messageElement(node);
  if (!message) return undefined;
  const subscription = extension(message, 'zeebe:Subscription');
  const key = subscription ? stringProp(subscription, 'correlationKey') : undefined;
  return {
    name: parseExpression(message.name ?? ''),
    correlationKey: key === undefined || key === '' ? undefined : parseExpression(key),
  };
}

/** The error of an error event (an error event without `errorRef` or code catches every error). */
export function readError(node: ModdleElement): ErrorDefinition | undefined {
  const definition = eventDefinition(node);
  if (definition?.$type !== 'bpmn:ErrorEventDefinition') return undefined;
  const error = elementProp(definition, 'errorRef');
  const code = error ? stringProp(error, 'errorCode') : undefined;
  return { errorCode: code === undefined || code === '' ? undefined : parseExpression(code) };
}

/** The referenced `bpmn:signal` of a signal event definition. */
export function signalElement(node: ModdleElement): ModdleElement | undefined {
  const definition = eventDefinition(node);
  return definition?.$type === 'bpmn:SignalEventDefinition' ? elementProp(definition, 'signalRef') : undefined;
}

/** The signal of a signal event. */
export function readSignal(node: ModdleElement): SignalDefinition | undefined {
  const signal = signalElement(node);
  return signal ? { name: parseExpression(signal.name ?? '') } : undefined;
}

/** The escalation of an escalation event (without `escalationRef` or code it catches every escalation). */
export function readEscalation(node: ModdleElement): EscalationDefinition | undefined {
  const definition = eventDefinition(node);
  if (definition?.$type !== 'bpmn:EscalationEventDefinition') return undefined;
  const escalation = elementProp(definition, 'escalationRef');
  const code = escalation ? stringProp(escalation, 'escalationCode') : undefined;
  return { escalationCode: code === undefined || code === '' ? undefined : parseExpression(code) };
}

/** Whether an element is a message throw event (intermediate throw or end event): job-based in Zeebe, like a send task. */
export function isMessageThrowEvent(node: ModdleElement): boolean {
  return (node.$type === 'bpmn:IntermediateThrowEvent' || node.$type === 'bpmn:EndEvent') && eventDefinition(node)?.$type === 'bpmn:MessageEventDefinition';
}

/** The link definition of a link event (`bpmn:linkEventDefinition`), if it is one. */
export function linkDefinition(node: ModdleElement): ModdleElement | undefined {
  const definition = eventDefinition(node);
  return definition?.$type === 'bpmn:LinkEventDefinition' ? definition : undefined;
}

/** The link name of a link throw or catch event; undefined for other elements. */
export function readLinkName(node: ModdleElement): string | undefined {
  const definition = linkDefinition(node);
  return definition ? (definition.name ?? '') : undefined;
}
