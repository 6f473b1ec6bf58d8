import { USER_TASK_HEADERS } from './bpmn/element-table.ts';
import {
  evaluateInt,
  evaluateNullableDateTime,
  evaluateString,
  evaluateStringList,
} from './feel/typed-evaluate.ts';
import type {
  EvaluatedJobProperties,
  EvaluationResult,
  ExecutableElement,
  JobEvaluationContext,
  UserTaskProperties,
  Variables,
} from './types.ts';

/**
 * Evaluates job type, retries and custom headers of a job-based element at activation. For user
 * tasks the reserved `io.camunda.zeebe:*` headers are added from the assignment, schedule and
 * form definitions (candidate lists as JSON arrays, dates as ISO-8601), as Zeebe does.
 */
export function evaluateJobProperties(
  element: ExecutableElement,
  variables: Variables,
  context: JobEvaluationContext = {},
): EvaluationResult<EvaluatedJobProperties> {
  const jobWorker = element.jobWorker;
  if (!jobWorker) {
    return { ok: false, message: `Expected element '${element.id}' to be job-based, but it has no job definition` };
  }
  const type = evaluateString(jobWorker.type, variables);
  if (!type.ok) return type;
  const retries = evaluateInt(jobWorker.retries, variables);
  if (!retries.ok) return retries;
  const customHeaders: Record<string, string> = { ...jobWorker.taskHeaders };
  if (element.userTask) {
    const reserved = evaluateUserTaskHeaders(element.userTask, variables, context);
    if (!reserved.ok) return reserved;
    Object.assign(customHeaders, reserved.value);
  }
  return { ok: true, value: { type: type.value, retries: retries.value, customHeaders } };
}

/** The reserved user-task headers of one activation. */
export function evaluateUserTaskHeaders(
  userTask: UserTaskProperties,
  variables: Variables,
  context: JobEvaluationContext = {},
): EvaluationResult<Record<string, string>> {
  const headers: Record<string, string> = {};
  if (userTask.assignee) {
    const assignee = evaluateString(userTask.assignee, variables);
    if (!assignee.ok) return assignee;
    if (assignee.value !== '') headers[USER_TASK_HEADERS.assignee] = assignee.value;
  }
  for (const key of ['candidateGroups', 'candidateUsers'] as const) {
    const expression = userTask[key];
    if (!expression) continue;
    const list = evaluateStringList(expression, variables);
    if (!list.ok) return list;
    headers[USER_TASK_HEADERS[key]] = JSON.stringify(list.value);
  }
  for (const key of ['dueDate', 'followUpDate'] as const) {
    const expression = userTask[key];
    if (!expression) continue;
    const date = evaluateNullableDateTime(expression, variables);
    if (!date.ok) return date;
    if (date.value !== null) headers[USER_TASK_HEADERS[key]] = date.value;
  }
  if (userTask.formKey) {
    headers[USER_TASK_HEADERS.formKey] = userTask.formKey;
  } else if (userTask.formId) {
    const formKey = context.resolveFormKey?.(userTask.formId);
    if (formKey === undefined) {
      return {
        ok: false,
        message:
          `Expected to find a form with id '${userTask.formId}', but no form with this id is found, ` +
          'at least a form with this id should be available. To resolve the Incident please deploy a form with the same id',
      };
    }
    headers[USER_TASK_HEADERS.formKey] = formKey;
  }
  return { ok: true, value: headers };
}
