/** VARIABLE_DOCUMENT UPDATE (SetVariables): local or propagating merge into an element instance's scope. */
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';

export const setVariablesProcessor: CommandProcessor<'VARIABLE_DOCUMENT'> = (command, ctx) => {
  const { scopeKey, variables, updateSemantics } = command.value;
  const instance = ctx.state.elementInstances.get(scopeKey);
  if (!instance) {
    ctx.reject('NOT_FOUND', `Expected to update variables for element with key '${scopeKey}', but no such element was found`);
    return;
  }
  const bpmn = bpmnBehaviors(ctx);
  if (updateSemantics === 'LOCAL') bpmn.variables.mergeLocal(scopeKey, variables, instance.value);
  else bpmn.variables.mergePropagating(scopeKey, variables, instance.value);
  const key = ctx.nextKey();
  ctx.event(key, 'VARIABLE_DOCUMENT', 'UPDATED', { ...command.value, tenantId: instance.value.tenantId });
  ctx.respond({ key });
};
