/** PROCESS_INSTANCE commands: ACTIVATE_ELEMENT, COMPLETE_ELEMENT, TERMINATE_ELEMENT and CANCEL. */
import type { CommandIntents } from '../../protocol/intents.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import { processorFor } from '../bpmn/bpmn-element-processors.ts';
import type { CommandProcessor } from '../command-processor.ts';

type Processors = { [I in CommandIntents['PROCESS_INSTANCE']]: CommandProcessor<'PROCESS_INSTANCE'> };

export const processInstanceProcessors: Processors = {
  ACTIVATE_ELEMENT(command, ctx) {
    const { value, key } = command;
    const element = ctx.state.models.element(value.processDefinitionKey, value.elementId);
    const processor = element ? processorFor(value.bpmnElementType) : undefined;
    if (!element || !processor) {
      ctx.reject('INVALID_ARGUMENT', `Expected to activate element '${value.elementId}', but it is not supported`);
      return;
    }
    if (value.flowScopeKey > 0) {
      const scope = ctx.state.elementInstances.get(value.flowScopeKey);
      // In an interrupted scope only its interrupting event sub-process may still be activated (incident retry).
      const interrupted = scope?.interrupted === true && value.bpmnElementType !== 'EVENT_SUB_PROCESS';
      if (!scope || interrupted || (scope.state !== 'ELEMENT_ACTIVATED' && scope.state !== 'ELEMENT_ACTIVATING')) {
        ctx.reject('INVALID_STATE', `Expected flow scope '${value.flowScopeKey}' of element '${value.elementId}' to be active`);
        return;
      }
    }
    const existing = ctx.state.elementInstances.get(key);
    if (existing && existing.state !== 'ELEMENT_ACTIVATING') {
      ctx.reject('INVALID_STATE', `Expected element instance '${key}' to be activating, but it is ${existing.state}`);
      return;
    }
    processor.onActivate({ key, value, element }, bpmnBehaviors(ctx));
  },

  COMPLETE_ELEMENT(command, ctx) {
    const bpmn = bpmnBehaviors(ctx);
    const element = bpmn.elementContext(command.key);
    const instance = ctx.state.elementInstances.get(command.key);
    if (!element || !instance || (instance.state !== 'ELEMENT_ACTIVATED' && instance.state !== 'ELEMENT_COMPLETING')) {
      ctx.reject('INVALID_STATE', `Expected element instance '${command.key}' to be active, but it is not`);
      return;
    }
    processorFor(element.value.bpmnElementType)?.onComplete(element, bpmn);
  },

  TERMINATE_ELEMENT(command, ctx) {
    const bpmn = bpmnBehaviors(ctx);
    const element = bpmn.elementContext(command.key);
    if (!element) {
      ctx.reject('NOT_FOUND', `Expected to terminate element instance '${command.key}', but no such instance was found`);
      return;
    }
    processorFor(element.value.bpmnElementType)?.onTerminate(element, bpmn);
  },

  CANCEL(command, ctx) {
    const bpmn = bpmnBehaviors(ctx);
    const instance = ctx.state.elementInstances.get(command.key);
    const element = bpmn.elementContext(command.key);
    if (!instance || !element || instance.value.bpmnElementType !== 'PROCESS') {
      ctx.reject('NOT_FOUND', `Expected to cancel a process instance with key '${command.key}', but no such process was found`);
      return;
    }
    if (instance.value.parentProcessInstanceKey > 0) {
      ctx.reject(
        'INVALID_STATE',
        `Expected to cancel a process instance with key '${command.key}', but it is created by a parent process instance. Cancel the root process instance '${instance.value.parentProcessInstanceKey}' instead.`,
      );
      return;
    }
    if (instance.state === 'ELEMENT_TERMINATING') {
      ctx.reject('INVALID_STATE', `Expected to cancel a process instance with key '${command.key}', but it is already being terminated`);
      return;
    }
    processorFor('PROCESS')!.onTerminate(element, bpmn);
    ctx.respond({});
  },
};
