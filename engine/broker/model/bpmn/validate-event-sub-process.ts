/**
 * Deploy rules for event sub-processes, worded after Zeebe's SubProcessValidator and ModelUtil where
 * Zeebe has a wording: one start event with a supported definition, error starts interrupting, no
 * interrupting timer cycle, no sequence flows in or out, and no two event sub-processes of one scope
 * waiting for the same message, signal, error code or escalation code.
 */
import { elementList, elementProp, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { eventDefinition, messageElement, signalElement, timerParts } from './read-event-definitions.ts';

const ESP_START_TYPES = new Set([
  'bpmn:TimerEventDefinition',
  'bpmn:MessageEventDefinition',
  'bpmn:ErrorEventDefinition',
  'bpmn:SignalEventDefinition',
  'bpmn:EscalationEventDefinition',
]);

/** Definitions a non-interrupting start or boundary event may have (Zeebe's NON_INTERRUPTING_EVENT_DEFINITIONS). */
const NON_INTERRUPTING_TYPES = new Set([
  'bpmn:TimerEventDefinition',
  'bpmn:MessageEventDefinition',
  'bpmn:SignalEventDefinition',
  'bpmn:EscalationEventDefinition',
]);

/** Whether a moddle element is an event sub-process. */
export function isEventSubProcess(node: ModdleElement | undefined): boolean {
  return node?.$type === 'bpmn:SubProcess' && node.triggeredByEvent === true;
}

/** Whether a flow node sits directly in an event sub-process (its start event). */
export function inEventSubProcess(node: ModdleElement): boolean {
  return isEventSubProcess(node.$parent);
}

/** Validates one event sub-process element. */
export function validateEventSubProcess(node: ModdleElement, report: (message: string) => void): void {
  const starts = elementList(node, 'flowElements').filter((element) => element.$type === 'bpmn:StartEvent');
  if (starts.length !== 1) report('Must have exactly one start event');
  const flows = node.$parent ? elementList(node.$parent, 'flowElements').filter((element) => element.$type === 'bpmn:SequenceFlow') : [];
  if (flows.some((flow) => elementProp(flow, 'sourceRef') === node || elementProp(flow, 'targetRef') === node)) {
    report('An event subprocess must not have incoming or outgoing sequence flows');
  }
  const start = starts[0];
  if (!start) return;
  const definitions = elementList(start, 'eventDefinitions');
  if (definitions.length === 0 || definitions.some((definition) => !ESP_START_TYPES.has(definition.$type))) {
    report('Start events in event subprocesses must be one of: message, timer, error, signal or escalation');
  }
  const interrupting = start.isInterrupting !== false;
  for (const definition of definitions) {
    if (!interrupting && !NON_INTERRUPTING_TYPES.has(definition.$type)) report('Non-Interrupting event of this type is not allowed');
    if (interrupting && definition.$type === 'bpmn:TimerEventDefinition' && timerParts(definition).some((part) => part.kind === 'timeCycle')) {
      report('Interrupting timer event with time cycle is not allowed.');
    }
  }
}

/**
 * Error and escalation start events: only in event sub-processes (Zeebe rejects them elsewhere too),
 * and as catch events their codes must be static (Zeebe's wording).
 */
export function validateStartEventPlacement(node: ModdleElement, report: (message: string) => void): void {
  if (node.$type !== 'bpmn:StartEvent') return;
  const definition = eventDefinition(node);
  if (inEventSubProcess(node)) {
    const error = definition?.$type === 'bpmn:ErrorEventDefinition' ? elementProp(definition, 'errorRef') : undefined;
    if (error && stringProp(error, 'errorCode')?.startsWith('=')) report('The errorCode of the error catch event is not allowed to be an expression');
    const escalation = definition?.$type === 'bpmn:EscalationEventDefinition' ? elementProp(definition, 'escalationRef') : undefined;
    if (escalation && stringProp(escalation, 'escalationCode')?.startsWith('=')) {
      report('The escalationCode of the escalation catch event is not allowed to be an expression');
    }
    return;
  }
  const type = definition?.$type;
  if (type === 'bpmn:ErrorEventDefinition' || type === 'bpmn:EscalationEventDefinition') {
    const name = type === 'bpmn:ErrorEventDefinition' ? 'errorEventDefinition' : 'escalationEventDefinition';
    report(`Event definitions of type '${name}' are currently not supported on elements of type 'startEvent' (only in event subprocesses)`);
  }
}

/** Counts values and reports every one that occurs more than once. */
function reportDuplicates(values: readonly string[], message: (value: string) => string, report: (message: string) => void): void {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  for (const [value, count] of counts) if (count > 1) report(message(value));
}

/**
 * The start events of the event sub-processes directly inside a scope (process or sub-process) must
 * not wait for the same message, signal, error or escalation (Zeebe's verifyNoDuplicatedEventSubprocesses).
 */
export function validateEventSubProcessScope(container: ModdleElement, report: (message: string) => void): void {
  const starts = elementList(container, 'flowElements')
    .filter(isEventSubProcess)
    .flatMap((esp) => elementList(esp, 'flowElements').filter((element) => element.$type === 'bpmn:StartEvent'));
  const messages: string[] = [];
  const signals: string[] = [];
  const errorCodes: string[] = [];
  const escalationCodes: string[] = [];
  let catchAllErrors = 0;
  let catchAllEscalations = 0;
  for (const start of starts) {
    const definition = eventDefinition(start);
    const messageName = messageElement(start)?.name;
    if (messageName) messages.push(messageName);
    const signalName = signalElement(start)?.name;
    if (signalName) signals.push(signalName);
    if (definition?.$type === 'bpmn:ErrorEventDefinition') {
      const error = elementProp(definition, 'errorRef');
      const code = error ? stringProp(error, 'errorCode') : undefined;
      if (!error || code === undefined) catchAllErrors++;
      else errorCodes.push(code);
    }
    if (definition?.$type === 'bpmn:EscalationEventDefinition') {
      const escalation = elementProp(definition, 'escalationRef');
      const code = escalation ? stringProp(escalation, 'escalationCode') : undefined;
      if (!escalation || code === undefined) catchAllEscalations++;
      else escalationCodes.push(code);
    }
  }
  reportDuplicates(messages, (name) => `Multiple message event definitions with the same name '${name}' are not allowed.`, report);
  reportDuplicates(signals, (name) => `Multiple signal event definitions with the same name '${name}' are not allowed.`, report);
  reportDuplicates(escalationCodes, (code) => `Multiple escalation catch events with the same escalation code '${code}' are not supported on the same scope.`, report);
  if (catchAllEscalations > 1) {
    report('The same scope can not contain more than one escalation catch event without escalation code. An escalation catch event without escalation code catches all escalations.');
  }
  reportDuplicates(errorCodes, (code) => `Multiple error catch events with the same error code '${code}' are not supported on the same scope.`, report);
  if (catchAllErrors > 1) {
    report('The same scope can not contain more than one error catch event without error code. An error catch event without error code catches all errors.');
  }
}
