import { isIsoZonedDateTime } from '../feel/date-time.ts';
import { parseCsvList } from '../feel/typed-evaluate.ts';
import type { ElementRow } from './element-table.ts';
import { UNSUPPORTED_EXTENSIONS } from './element-table.ts';
import { elementList, elementProp, explicitStringProp, extension, extensionsOfType, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';
import { validateCalledElementBinding } from './validate-called-element.ts';
import { checkExpression, checkNonEmpty, checkPath } from './validate-expression.ts';

/** Receives one problem of the element being validated. */
export type Report = (message: string) => void;

const CSV_RULE = { test: (value: string) => parseCsvList(value) !== undefined, description: "be a list of comma-separated values, e.g. 'a,b,c'" };
const DATE_RULE = { test: isIsoZonedDateTime, description: "be a valid DateTime String, e.g. '2023-03-02T15:35+02:00'" };

/** Validates the zeebe extensions a flow node needs for its implementation (job, script, user task …). */
export function validateImplementation(node: ModdleElement, row: ElementRow, report: Report): void {
  const taskDefinitions = extensionsOfType(node, 'zeebe:TaskDefinition');
  switch (row.implementation) {
    case 'job':
      if (taskDefinitions.length !== 1) report("Must have exactly one 'zeebe:taskDefinition' extension element");
      break;
    case 'job-or-script':
      exactlyOneOf(taskDefinitions, extensionsOfType(node, 'zeebe:Script'), 'script', report);
      break;
    case 'job-or-decision':
      exactlyOneOf(taskDefinitions, extensionsOfType(node, 'zeebe:CalledDecision'), 'calledDecision', report);
      break;
    case 'user-task':
      validateUserTask(node, report);
      break;
    case 'none':
      break;
  }
  if (row.implementation !== 'none' && row.implementation !== 'user-task') {
    for (const definition of taskDefinitions) validateTaskDefinition(definition, report);
    validateTaskHeaders(node, report);
  }
  for (const script of extensionsOfType(node, 'zeebe:Script')) {
    checkNonEmpty(stringProp(script, 'expression'), 'expression').forEach(report);
    checkNonEmpty(stringProp(script, 'resultVariable'), 'resultVariable').forEach(report);
    const expression = stringProp(script, 'expression');
    if (expression) checkExpression(expression, { mandatory: true, nonStatic: true }).forEach(report);
  }
  validateCalledElementBinding(node, report);
  for (const decision of extensionsOfType(node, 'zeebe:CalledDecision')) {
    checkNonEmpty(stringProp(decision, 'decisionId'), 'decisionId').forEach(report);
    checkNonEmpty(stringProp(decision, 'resultVariable'), 'resultVariable').forEach(report);
    const decisionId = stringProp(decision, 'decisionId');
    if (decisionId) checkExpression(decisionId, { mandatory: true }).forEach(report);
  }
}

function exactlyOneOf(taskDefinitions: ModdleElement[], alternatives: ModdleElement[], name: string, report: Report): void {
  const ok =
    (taskDefinitions.length === 1 && alternatives.length === 0) ||
    (taskDefinitions.length === 0 && alternatives.length === 1);
  if (!ok) report(`Must have either one 'zeebe:${name}' or one 'zeebe:taskDefinition' extension element`);
}

function validateTaskDefinition(definition: ModdleElement, report: Report): void {
  const type = stringProp(definition, 'type');
  const retries = stringProp(definition, 'retries');
  checkNonEmpty(type, 'type').forEach(report);
  if (retries !== undefined) checkNonEmpty(retries, 'retries').forEach(report);
  if (type) checkExpression(type, { mandatory: true }).forEach(report);
  if (retries) checkExpression(retries, { mandatory: true }).forEach(report);
}

const RESERVED_HEADER_PREFIX = 'io.camunda.zeebe:';

function validateTaskHeaders(node: ModdleElement, report: Report): void {
  for (const headers of extensionsOfType(node, 'zeebe:TaskHeaders')) {
    const counts = new Map<string, number>();
    for (const header of elementList(headers, 'values')) {
      const key = stringProp(header, 'key');
      if (key === undefined || key === '') {
        report("Task header attribute 'key' must be present and not empty");
        continue;
      }
      if (key.startsWith(RESERVED_HEADER_PREFIX)) {
        report(
          `Attribute 'key' contains '${key}', but header keys starting with '${RESERVED_HEADER_PREFIX}' are reserved for internal use.`,
        );
      }
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const [key, count] of counts) if (count > 1) report(`Headers contain duplicate entries for key '${key}'`);
  }
}

function validateUserTask(node: ModdleElement, report: Report): void {
  const native = extension(node, 'zeebe:UserTask') !== undefined;
  const assignment = extension(node, 'zeebe:AssignmentDefinition');
  if (assignment) {
    checkExpression(stringProp(assignment, 'assignee'), {}).forEach(report);
    checkExpression(stringProp(assignment, 'candidateGroups'), { ifStatic: CSV_RULE }).forEach(report);
    checkExpression(stringProp(assignment, 'candidateUsers'), { ifStatic: CSV_RULE }).forEach(report);
  }
  const schedule = extension(node, 'zeebe:TaskSchedule');
  if (schedule) {
    checkExpression(stringProp(schedule, 'dueDate'), { ifStatic: DATE_RULE }).forEach(report);
    checkExpression(stringProp(schedule, 'followUpDate'), { ifStatic: DATE_RULE }).forEach(report);
  }
  const form = extension(node, 'zeebe:FormDefinition');
  if (form) validateFormDefinition(form, native, report);
  validateTaskHeaders(node, report);
}

function isBlank(value: string | undefined): boolean {
  return value === undefined || value.trim() === '';
}

function validateFormDefinition(form: ModdleElement, native: boolean, report: Report): void {
  const formKey = stringProp(form, 'formKey');
  const formId = stringProp(form, 'formId');
  const externalReference = stringProp(form, 'externalReference');
  const bindingType = explicitStringProp(form, 'bindingType');
  if (!native) {
    if (isBlank(formKey) === isBlank(formId)) {
      report("Exactly one of the attributes 'formId, formKey' must be present and not blank");
    }
    if (!isBlank(formKey) && bindingType !== undefined) {
      report("Attribute 'formKey' must not be used in combination with attribute 'bindingType'");
    }
  } else {
    if (isBlank(externalReference) === isBlank(formId)) {
      report("Exactly one of the attributes 'formId, externalReference' must be present and not blank for native user tasks");
    }
    if (!isBlank(externalReference) && bindingType !== undefined) {
      report("Attribute 'externalReference' must not be used in combination with attribute 'bindingType'");
    }
  }
  if (bindingType !== undefined && !['latest', 'deployment', 'versionTag'].includes(bindingType)) {
    report(`Attribute 'bindingType' must be one of 'latest', 'deployment', 'versionTag', but was '${bindingType}'`);
  }
}

/** Validates `zeebe:ioMapping` inputs and outputs of a flow node. */
export function validateMappings(node: ModdleElement, report: Report): void {
  for (const ioMapping of extensionsOfType(node, 'zeebe:IoMapping')) {
    for (const input of elementList(ioMapping, 'inputParameters')) {
      checkExpression(stringProp(input, 'source'), { mandatory: true }).forEach(report);
      checkPath(stringProp(input, 'target')).forEach(report);
    }
    for (const output of elementList(ioMapping, 'outputParameters')) {
      checkExpression(stringProp(output, 'source'), { mandatory: true, nonStatic: true }).forEach(report);
      checkPath(stringProp(output, 'target')).forEach(report);
    }
  }
}

/** Extension elements Zeebe allows at most once per element. */
const SINGLE_EXTENSIONS = [
  ['zeebe:IoMapping', 'ioMapping'],
  ['zeebe:TaskHeaders', 'taskHeaders'],
  ['zeebe:AssignmentDefinition', 'assignmentDefinition'],
  ['zeebe:FormDefinition', 'formDefinition'],
  ['zeebe:TaskSchedule', 'taskSchedule'],
] as const;

/** Reports extension elements whose behaviour the embedded broker does not run yet. */
export function validateUnsupportedExtensions(node: ModdleElement, report: Report): void {
  for (const [type, name] of Object.entries(UNSUPPORTED_EXTENSIONS)) {
    if (extensionsOfType(node, type).length > 0) {
      report(`Extension element 'zeebe:${name}' is currently not supported by the embedded broker`);
    }
  }
}

/** Reports extension elements that appear more than once. */
export function validateDuplicateExtensions(node: ModdleElement, report: Report): void {
  for (const [type, name] of SINGLE_EXTENSIONS) {
    if (extensionsOfType(node, type).length > 1) report(`Must have at most one 'zeebe:${name}' extension element`);
  }
}

/** Validates `bpmn:multiInstanceLoopCharacteristics` and its `zeebe:loopCharacteristics` as Zeebe does. */
export function validateMultiInstance(loop: ModdleElement, report: Report): void {
  const extensions = extensionsOfType(loop, 'zeebe:LoopCharacteristics');
  if (extensions.length !== 1) {
    report("Must have exactly one 'zeebe:loopCharacteristics' extension element");
    return;
  }
  const zeebe = extensions[0];
  const nonEmpty = (name: string): string | undefined => {
    const value = stringProp(zeebe, name);
    return value === '' ? undefined : value;
  };
  const inputCollection = nonEmpty('inputCollection');
  const outputCollection = nonEmpty('outputCollection');
  const outputElement = nonEmpty('outputElement');
  if (inputCollection === undefined) report("Attribute 'inputCollection' must be present and not empty");
  else checkExpression(inputCollection, { mandatory: true, nonStatic: true }).forEach(report);
  if (outputCollection !== undefined && outputElement === undefined) {
    report("Attribute 'outputElement' must be present if the attribute 'outputCollection' is set");
  } else if (outputElement !== undefined && outputCollection === undefined) {
    report("Attribute 'outputCollection' must be present if the attribute 'outputElement' is set");
  }
  if (outputElement !== undefined) checkExpression(outputElement, { nonStatic: true }).forEach(report);
  const inputElement = nonEmpty('inputElement');
  if (inputElement !== undefined) checkPath(inputElement).forEach(report);
  if (outputCollection !== undefined) checkPath(outputCollection).forEach(report);
  const condition = elementProp(loop, 'completionCondition');
  const body = condition ? stringProp(condition, 'body') : undefined;
  if (body !== undefined && body !== '') checkExpression(body, { nonStatic: true }).forEach(report);
}
