/** Raises and resolves incidents. */
import type { IncidentErrorType } from '../../../protocol/intents.ts';
import type { ProcessingContext } from '../../processing-context.ts';
import type { ElementContext } from '../element-processor.ts';

/** Incident writes for one command. */
export class IncidentBehavior {
  constructor(private readonly ctx: ProcessingContext) {}

  /** Raises an incident on an element instance (and optionally its job). */
  create(element: ElementContext, errorType: IncidentErrorType, errorMessage: string, jobKey = -1): void {
    this.ctx.event(this.ctx.nextKey(), 'INCIDENT', 'CREATED', {
      errorType,
      errorMessage,
      bpmnProcessId: element.value.bpmnProcessId,
      processDefinitionKey: element.value.processDefinitionKey,
      processInstanceKey: element.value.processInstanceKey,
      elementId: element.value.elementId,
      elementInstanceKey: element.key,
      jobKey,
      variableScopeKey: element.key,
      tenantId: element.value.tenantId,
    });
  }

  /** Resolves the incidents of an element instance and of its job (on termination). */
  resolveAll(elementInstanceKey: number, jobKey: number): void {
    const keys = [this.ctx.state.incidents.forElementInstance(elementInstanceKey)];
    if (jobKey > 0) keys.push(this.ctx.state.incidents.forJob(jobKey));
    for (const key of keys) {
      const incident = key === undefined ? undefined : this.ctx.state.incidents.get(key);
      if (key !== undefined && incident) this.ctx.event(key, 'INCIDENT', 'RESOLVED', incident);
    }
  }
}
