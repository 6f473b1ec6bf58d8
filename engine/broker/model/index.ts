/**
 * Model layer of the embedded broker: parses and validates deployment resources
 * (BPMN via bpmn-moddle + zeebe-bpmn-moddle, form-js forms) into executable models,
 * and evaluates FEEL expressions and variable mappings with feelin.
 *
 * Everything the rest of the broker needs from this module is exported here.
 */
export type * from './types.ts';
export * from './dmn/index.ts';
export { ResourceValidationError } from './errors.ts';
export { parseResource, resourceChecksum } from './parse-resource.ts';
export type { ParseOptions } from './parse-options.ts';
export { validateDeployment } from './validate-deployment.ts';
export { DEPLOYMENT_REJECTION_PREFIX, formatDeploymentRejection, formatRejectionReason } from './format-rejection.ts';
export { checkFeelSyntax, feelExpression, parseExpression } from './feel/expression.ts';
export { evaluate, expressionText } from './feel/evaluate.ts';
export {
  evaluateBoolean,
  evaluateDateTime,
  evaluateInt,
  evaluateNullableDateTime,
  evaluateNumber,
  evaluateString,
  evaluateStringList,
} from './feel/typed-evaluate.ts';
export { evaluateMappings } from './feel/mappings.ts';
export type { MappingEvaluationOptions } from './feel/mappings.ts';
export type { ResultType } from './feel/result-type.ts';
export { evaluateJobProperties, evaluateUserTaskHeaders } from './job-properties.ts';
export { SUPPORTED_ELEMENTS, USER_TASK_HEADERS, USER_TASK_JOB_TYPE } from './bpmn/element-table.ts';
export type { ElementRow, Implementation } from './bpmn/element-table.ts';
export { addIsoDuration, parseIsoDuration } from './timer/iso-duration.ts';
export type { IsoDuration } from './timer/iso-duration.ts';
export { firstDueDate, nextRepetition, parseIsoCycle } from './timer/iso-cycle.ts';
export type { IsoCycle } from './timer/iso-cycle.ts';
export { checkStaticTimer, evaluateTimerCycle, evaluateTimerDate, evaluateTimerDuration } from './timer/evaluate-timer.ts';
