import { feelExpression, parseExpression } from '../feel/expression.ts';
import type {
  CalledDecisionProperties,
  Expression,
  JobWorkerProperties,
  MultiInstanceProperties,
  ScriptProperties,
  UserTaskProperties,
  VariableMapping,
} from '../types.ts';
import type { ElementRow } from './element-table.ts';
import { USER_TASK_JOB_TYPE } from './element-table.ts';
import { elementList, elementProp, extension, extensionsOfType, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { isMessageThrowEvent } from './read-event-definitions.ts';

function optionalExpression(element: ModdleElement | undefined, name: string): Expression | undefined {
  if (!element) return undefined;
  const value = stringProp(element, name);
  return value === undefined || value === '' ? undefined : parseExpression(value);
}

/** Static `zeebe:taskHeaders` of an element, in model order (later duplicates win). */
export function readTaskHeaders(node: ModdleElement): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const container of extensionsOfType(node, 'zeebe:TaskHeaders')) {
    for (const header of elementList(container, 'values')) {
      const key = stringProp(header, 'key');
      if (key) headers[key] = stringProp(header, 'value') ?? '';
    }
  }
  return headers;
}

/** Job properties of a job-based element, or undefined when it is not job-based. */
export function readJobWorker(node: ModdleElement, row: ElementRow): JobWorkerProperties | undefined {
  if (row.implementation === 'user-task') {
    return {
      type: parseExpression(USER_TASK_JOB_TYPE),
      retries: parseExpression('1'),
      taskHeaders: readTaskHeaders(node),
    };
  }
  // Message throw events (intermediate throw, end) are job-based in Zeebe although their table row is not.
  if (row.implementation === 'none' && !isMessageThrowEvent(node)) return undefined;
  const definition = extension(node, 'zeebe:TaskDefinition');
  if (!definition) return undefined;
  return {
    type: parseExpression(stringProp(definition, 'type') ?? ''),
    retries: parseExpression(stringProp(definition, 'retries') ?? '3'),
    taskHeaders: readTaskHeaders(node),
  };
}

/** User-task properties from the zeebe extensions. */
export function readUserTask(node: ModdleElement): UserTaskProperties {
  const assignment = extension(node, 'zeebe:AssignmentDefinition');
  const schedule = extension(node, 'zeebe:TaskSchedule');
  const form = extension(node, 'zeebe:FormDefinition');
  const priority = extension(node, 'zeebe:PriorityDefinition');
  const formKey = form ? stringProp(form, 'formKey') : undefined;
  const formId = form ? stringProp(form, 'formId') : undefined;
  return {
    implementation: extension(node, 'zeebe:UserTask') ? 'zeebe-user-task' : 'job-worker',
    assignee: optionalExpression(assignment, 'assignee'),
    candidateGroups: optionalExpression(assignment, 'candidateGroups'),
    candidateUsers: optionalExpression(assignment, 'candidateUsers'),
    dueDate: optionalExpression(schedule, 'dueDate'),
    followUpDate: optionalExpression(schedule, 'followUpDate'),
    formKey: formKey === '' ? undefined : formKey,
    formId: formId === '' ? undefined : formId,
    formBindingType: form && formId ? (stringProp(form, 'bindingType') ?? 'latest') : undefined,
    externalReference: optionalExpression(form, 'externalReference'),
    priority: optionalExpression(priority, 'priority'),
  };
}

/** `zeebe:script` of a script task, if present. */
export function readScript(node: ModdleElement): ScriptProperties | undefined {
  const script = extension(node, 'zeebe:Script');
  if (!script) return undefined;
  return {
    expression: feelExpression(stringProp(script, 'expression') ?? ''),
    resultVariable: stringProp(script, 'resultVariable') ?? '',
  };
}

/** `zeebe:calledDecision` of a business rule task, if present. */
export function readCalledDecision(node: ModdleElement): CalledDecisionProperties | undefined {
  const decision = extension(node, 'zeebe:CalledDecision');
  if (!decision) return undefined;
  return {
    decisionId: parseExpression(stringProp(decision, 'decisionId') ?? ''),
    resultVariable: stringProp(decision, 'resultVariable') ?? '',
    bindingType: stringProp(decision, 'bindingType') ?? 'latest',
    versionTag: stringProp(decision, 'versionTag'),
  };
}

/** Input and output mappings, in model order. */
export function readMappings(node: ModdleElement): { inputs: VariableMapping[]; outputs: VariableMapping[] } {
  const inputs: VariableMapping[] = [];
  const outputs: VariableMapping[] = [];
  for (const ioMapping of extensionsOfType(node, 'zeebe:IoMapping')) {
    for (const input of elementList(ioMapping, 'inputParameters')) inputs.push(toMapping(input));
    for (const output of elementList(ioMapping, 'outputParameters')) outputs.push(toMapping(output));
  }
  return { inputs, outputs };
}

function toMapping(parameter: ModdleElement): VariableMapping {
  const target = stringProp(parameter, 'target') ?? '';
  return {
    source: parseExpression(stringProp(parameter, 'source') ?? ''),
    target,
    targetPath: target.split('.'),
  };
}

/** Multi-instance properties of an activity, if it has `bpmn:multiInstanceLoopCharacteristics`. */
export function readMultiInstance(node: ModdleElement): MultiInstanceProperties | undefined {
  const loop = elementProp(node, 'loopCharacteristics');
  if (!loop || loop.$type !== 'bpmn:MultiInstanceLoopCharacteristics') return undefined;
  const zeebe = extension(loop, 'zeebe:LoopCharacteristics');
  const text = (name: string): string | undefined => {
    const value = zeebe ? stringProp(zeebe, name) : undefined;
    return value === '' ? undefined : value;
  };
  const outputElement = text('outputElement');
  const condition = elementProp(loop, 'completionCondition');
  const conditionBody = condition ? stringProp(condition, 'body') : undefined;
  return {
    isSequential: loop.isSequential === true,
    inputCollection: feelExpression(text('inputCollection') ?? ''),
    inputElement: text('inputElement'),
    outputCollection: text('outputCollection'),
    outputElement: outputElement === undefined ? undefined : feelExpression(outputElement),
    completionCondition: conditionBody ? feelExpression(conditionBody) : undefined,
  };
}
