/** PROCESS_INSTANCE_CREATION CREATE and CREATE_WITH_AWAITING_RESULT: picks the definition, sets variables, starts. */
import type { ProcessInstanceValue, ProcessValue } from '../../protocol/record.ts';
import { DEFAULT_TENANT } from '../../protocol/record.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import type { ProcessingContext } from '../processing-context.ts';
import { activateElement } from './activation/element-activation.ts';
import { isResolveFailure, resolveFlowScopes, scopeLevels, stateView } from './activation/flow-scope-resolver.ts';
import { subscriptionFailure } from './activation/subscription-check.ts';
import { validateStartInstructions } from './activation/start-instructions.ts';

function findProcess(ctx: ProcessingContext, id: string, key: number, version: number): ProcessValue | string {
  const deployments = ctx.state.deployments;
  if (key > 0) {
    return deployments.processByKey(key) ?? `Expected to find process definition with key '${key}', but none found`;
  }
  if (version >= 0) {
    return (
      deployments.processByVersion(id, version) ??
      `Expected to find process definition with process ID '${id}' and version '${version}', but none found`
    );
  }
  return deployments.latestProcess(id) ?? `Expected to find process definition with process ID '${id}', but none found`;
}

/** Creates a process instance (shared by both intents). */
export const createProcessInstanceProcessor: CommandProcessor<'PROCESS_INSTANCE_CREATION'> = (command, ctx) => {
  const request = command.value;
  const found = findProcess(ctx, request.bpmnProcessId, request.processDefinitionKey, request.version);
  if (typeof found === 'string') {
    ctx.reject('NOT_FOUND', found);
    return;
  }
  const model = ctx.state.models.get(found.processDefinitionKey);
  if (!model) {
    ctx.reject('NOT_FOUND', `Expected to find process definition with key '${found.processDefinitionKey}', but none found`);
    return;
  }
  const startElements = request.startInstructions.map((i) => model.elements.get(i.elementId));
  const invalidStart = validateStartInstructions(model, request.startInstructions.map((i) => i.elementId));
  if (invalidStart) {
    ctx.reject('INVALID_ARGUMENT', invalidStart);
    return;
  }
  // Zeebe rejects start instructions whose created flow scopes cannot subscribe to their events.
  for (const el of startElements) {
    for (const level of scopeLevels(model, el!)) {
      const failure = subscriptionFailure(bpmnBehaviors(ctx), found.processDefinitionKey, level.element, request.variables);
      if (failure) {
        ctx.reject('INVALID_ARGUMENT', failure);
        return;
      }
    }
  }
  if (startElements.length === 0 && !model.noneStartEventId) {
    ctx.reject('INVALID_STATE', 'Expected to create instance of process with none start event, but there is no such event');
    return;
  }

  const processInstanceKey = ctx.nextKey();
  const processValue: ProcessInstanceValue = {
    bpmnElementType: 'PROCESS',
    elementId: found.bpmnProcessId,
    bpmnProcessId: found.bpmnProcessId,
    version: found.version,
    processDefinitionKey: found.processDefinitionKey,
    processInstanceKey,
    flowScopeKey: -1,
    bpmnEventType: 'UNSPECIFIED',
    parentProcessInstanceKey: -1,
    parentElementInstanceKey: -1,
    tenantId: found.tenantId || DEFAULT_TENANT,
  };
  if (command.intent === 'CREATE_WITH_AWAITING_RESULT') ctx.hooks.awaitResult(processInstanceKey, ctx.transient);

  const bpmn = bpmnBehaviors(ctx);
  bpmn.variables.mergeLocal(processInstanceKey, request.variables, processValue);
  ctx.event(processInstanceKey, 'PROCESS_INSTANCE_CREATION', 'CREATED', {
    ...request,
    bpmnProcessId: found.bpmnProcessId,
    processDefinitionKey: found.processDefinitionKey,
    version: found.version,
    processInstanceKey,
    tenantId: processValue.tenantId,
  });
  if (startElements.length === 0) {
    ctx.followUp(processInstanceKey, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', processValue);
  } else {
    const processElement = { key: processInstanceKey, value: processValue, element: model.elements.get(model.bpmnProcessId)! };
    bpmn.transitions.activating(processElement);
    bpmn.transitions.activated(processElement);
    bpmn.eventSubProcesses.subscribeActivated(processElement);
    // Each element in its flow scopes: created by the first instruction that needs them, then reused.
    for (const el of startElements) {
      const steps = resolveFlowScopes(stateView(ctx.state), processInstanceKey, scopeLevels(model, el!), -1);
      if (isResolveFailure(steps)) throw new Error(`start instruction '${el!.id}': its flow scopes do not resolve (${steps.kind})`);
      activateElement(bpmn, processValue, el!, steps);
    }
  }
  ctx.respond({
    processDefinitionKey: found.processDefinitionKey,
    bpmnProcessId: found.bpmnProcessId,
    version: found.version,
    processInstanceKey,
    tenantId: processValue.tenantId,
  });
};
