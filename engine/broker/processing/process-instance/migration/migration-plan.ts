/**
 * Validation of a MigrateProcessInstance command (Zeebe's ProcessInstanceMigrationPreconditions, in
 * Zeebe's order): the whole plan is checked before anything is written, so a rejected migration
 * leaves the instance untouched (Zeebe's transactional guarantee).
 */
import type { ExecutableElement, ExecutableProcess } from '../../../model/index.ts';
import type { ProcessInstanceMigrationValue, ProcessValue } from '../../../protocol/record.ts';
import type { ElementInstance } from '../../../state/element-instance-state.ts';
import type { ReadonlyEngineState } from '../../../state/engine-state.ts';
import type { BpmnBehaviors } from '../../bpmn/behavior/bpmn-behaviors.ts';
import { planCatchEvents, type CatchEventPlan, type InstanceShape } from './catch-events.ts';
import { rejections } from './rejections.ts';

/** Element types Zeebe 8.6/8.7 migrates (its SUPPORTED_ELEMENT_TYPES). */
const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  'PROCESS',
  'SERVICE_TASK',
  'USER_TASK',
  'SUB_PROCESS',
  'CALL_ACTIVITY',
  'INTERMEDIATE_CATCH_EVENT',
  'RECEIVE_TASK',
  'EVENT_SUB_PROCESS',
  'EXCLUSIVE_GATEWAY',
  'EVENT_BASED_GATEWAY',
  'BUSINESS_RULE_TASK',
  'SCRIPT_TASK',
  'SEND_TASK',
  'MULTI_INSTANCE_BODY',
]);
const SUPPORTED_CATCH_EVENT_TYPES: ReadonlySet<string> = new Set(['MESSAGE', 'TIMER', 'SIGNAL']);

/** One element instance and where it goes. */
export interface ElementMigration {
  readonly instance: Readonly<ElementInstance>;
  readonly targetElement: ExecutableElement;
  readonly catchEvents: CatchEventPlan;
}

/** A validated migration: the element instances in Zeebe's breadth-first order, with their targets. */
export interface MigrationPlan {
  readonly root: Readonly<ElementInstance>;
  readonly target: ExecutableProcess;
  readonly targetProcess: ProcessValue;
  readonly mapping: ReadonlyMap<string, string>;
  readonly elements: readonly ElementMigration[];
}

/** The process instance and its element instances, breadth-first (called process instances are not part of it). */
export function breadthFirst(state: ReadonlyEngineState, root: Readonly<ElementInstance>): Readonly<ElementInstance>[] {
  const out: Readonly<ElementInstance>[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const instance = queue.shift()!;
    out.push(instance);
    for (const child of instance.children) {
      const next = state.elementInstances.get(child);
      if (next) queue.push(next);
    }
  }
  return out;
}

/** Zeebe's element type of an element: a multi-instance activity is a MULTI_INSTANCE_BODY. */
const zeebeTypeOf = (element: ExecutableElement): string => (element.multiInstance ? 'MULTI_INSTANCE_BODY' : element.type);

/** The user task implementation as Zeebe names it in its rejection. */
const implementationOf = (element: ExecutableElement): string =>
  element.userTask?.implementation === 'zeebe-user-task' ? 'zeebe user task' : 'job worker';

/** Checks the command and builds the plan; throws a MigrationRejection with Zeebe's reason. */
export function planMigration(command: ProcessInstanceMigrationValue, bpmn: BpmnBehaviors): MigrationPlan {
  const state = bpmn.ctx.state;
  const pi = command.processInstanceKey;
  const root = state.elementInstances.get(pi);
  if (!root || root.value.bpmnElementType !== 'PROCESS') throw rejections.processInstanceNotFound(pi);
  const counts = new Map<string, number>();
  for (const instruction of command.mappingInstructions) counts.set(instruction.sourceElementId, (counts.get(instruction.sourceElementId) ?? 0) + 1);
  const duplicates = [...counts].filter(([, n]) => n > 1).map(([id]) => id);
  if (duplicates.length > 0) throw rejections.duplicateSourceElementIds(pi, duplicates);
  const targetProcess = state.deployments.processByKey(command.targetProcessDefinitionKey);
  const target = targetProcess ? state.models.get(targetProcess.processDefinitionKey) : undefined;
  const source = state.models.get(root.value.processDefinitionKey);
  if (!targetProcess || !target || !source) throw rejections.targetDefinitionNotFound(command.targetProcessDefinitionKey);
  checkStartEventCorrelation(state, root, targetProcess, target);
  for (const instruction of command.mappingInstructions) {
    if (!source.elements.has(instruction.sourceElementId)) throw rejections.sourceElementNotFound(pi, instruction.sourceElementId);
    if (!target.elements.has(instruction.targetElementId)) throw rejections.targetElementNotFound(pi, instruction.targetElementId);
  }
  const mapping = new Map(command.mappingInstructions.map((m) => [m.sourceElementId, m.targetElementId]));
  // Users give no instruction for the process itself.
  mapping.set(root.value.bpmnProcessId, target.bpmnProcessId);
  const mappedTargets = new Set(command.mappingInstructions.map((m) => m.targetElementId));
  const elements: ElementMigration[] = [];
  for (const instance of breadthFirst(state, root)) {
    const value = instance.value;
    const id = value.elementId;
    const scope = state.elementInstances.get(value.flowScopeKey);
    const shape: InstanceShape = { body: value.bpmnElementType === 'MULTI_INSTANCE_BODY', inner: scope?.value.bpmnElementType === 'MULTI_INSTANCE_BODY' };
    const sourceElement = source.elements.get(id)!;
    if (!SUPPORTED_TYPES.has(value.bpmnElementType)) throw rejections.unsupportedElementType(pi, id, value.bpmnElementType);
    if (value.bpmnElementType === 'INTERMEDIATE_CATCH_EVENT') {
      if (!SUPPORTED_CATCH_EVENT_TYPES.has(sourceElement.eventType)) throw rejections.unsupportedCatchEventType(pi, id, sourceElement.eventType);
      if (bpmn.events.enteredThroughGateway({ key: instance.key, value, element: sourceElement })) throw rejections.attachedToEventBasedGateway(pi, id);
    }
    const targetId = mapping.get(id);
    if (targetId === undefined) throw rejections.unmappedActiveElement(pi, id);
    const targetElement = target.elements.get(targetId)!;
    let targetType = zeebeTypeOf(targetElement);
    // An inner instance of a multi-instance body is compared with the inner activity of the target.
    if (value.bpmnElementType !== targetType && shape.inner && targetElement.multiInstance) targetType = targetElement.type;
    if (value.bpmnElementType !== targetType) throw rejections.elementTypeChanged(pi, id, value.bpmnElementType, targetId, targetType);
    if (sourceElement.type === 'USER_TASK' && targetElement.type === 'USER_TASK' && implementationOf(sourceElement) !== implementationOf(targetElement)) {
      throw rejections.userTaskImplementationChanged(pi, id, implementationOf(sourceElement), targetId, implementationOf(targetElement));
    }
    if (scope && !shape.inner) {
      const expected = mapping.get(scope.value.elementId) ?? scope.value.elementId;
      if (targetElement.flowScopeId !== expected) throw rejections.flowScopeChanged(pi, id, expected, targetElement.flowScopeId ?? '');
    }
    const catchEvents = planCatchEvents({ instance, shape, source, target, sourceElement, targetElement, mapping, mappedTargets }, bpmn, () => {
      if (shape.body && sourceElement.multiInstance && targetElement.multiInstance && sourceElement.multiInstance.isSequential !== targetElement.multiInstance.isSequential) {
        throw rejections.loopCharacteristicsChanged(pi, id, targetId);
      }
      if (state.events.pendingTrigger(instance.key) || instance.activeFlows > 0) throw rejections.concurrentCommand(pi);
    });
    elements.push({ instance, targetElement, catchEvents });
  }
  return { root, target, targetProcess, mapping, elements };
}

/** A process started by a message for a correlation key cannot join a different process that already runs an instance for that key. */
function checkStartEventCorrelation(state: ReadonlyEngineState, root: Readonly<ElementInstance>, targetProcess: ProcessValue, target: ExecutableProcess): void {
  if (root.value.bpmnProcessId === target.bpmnProcessId) return;
  const hasMessageStart = (target.eventStartIds ?? []).some((id) => target.elements.get(id)?.eventType === 'MESSAGE');
  const correlationKey = state.events.startCorrelationKeyOf(root.key);
  if (!hasMessageStart || correlationKey === undefined) return;
  if (state.events.startCorrelationOwner(target.bpmnProcessId, correlationKey) !== undefined) {
    throw rejections.targetHasStartEventInstance(root.key, targetProcess.processDefinitionKey, correlationKey);
  }
}
