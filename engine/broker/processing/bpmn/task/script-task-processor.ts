/**
 * Script tasks: with `zeebe:script` the FEEL expression is evaluated on activation and its result
 * stored in the result variable (propagated, or local when output mappings exist); with a task
 * definition they are job-based like service tasks.
 */
import { evaluate } from '../../../model/index.ts';
import type { BpmnElementProcessor } from '../element-processor.ts';
import { jobWorkerTaskProcessor } from './job-worker-task-processor.ts';

export const scriptTaskProcessor: BpmnElementProcessor = {
  onActivate(element, bpmn) {
    const script = element.element.script;
    if (!script) {
      jobWorkerTaskProcessor.onActivate(element, bpmn);
      return;
    }
    bpmn.transitions.activating(element);
    if (!bpmn.applyInputMappings(element)) return;
    const result = evaluate(script.expression, bpmn.ctx.state.variables.collect(element.key));
    if (!result.ok) {
      bpmn.incidents.create(element, 'EXTRACT_VALUE_ERROR', result.message);
      return;
    }
    bpmn.transitions.activated(element);
    const document = { [script.resultVariable]: result.value };
    if (element.element.outputMappings.length > 0) bpmn.variables.mergeLocal(element.key, document, element.value);
    else bpmn.variables.mergePropagating(element.key, document, element.value);
    bpmn.transitions.completeElement(element);
  },
  onComplete(element, bpmn) {
    bpmn.completeAndLeave(element);
  },
  onTerminate(element, bpmn) {
    bpmn.terminateLeaf(element);
  },
};
