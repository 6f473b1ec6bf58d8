/**
 * Executable models of deployed processes, by process definition key. Derived data: a pure function
 * of the deployed resource, filled at deployment and re-parsed on start before replay.
 */
import type { ExecutableElement, ExecutableProcess, SequenceFlow } from '../model/index.ts';

/** Read access to executable models. */
export interface ReadonlyProcessModels {
  get(processDefinitionKey: number): ExecutableProcess | undefined;
  element(processDefinitionKey: number, elementId: string): ExecutableElement | undefined;
  flow(processDefinitionKey: number, flowId: string): SequenceFlow | undefined;
}

/** Cache of executable models. */
export class ProcessModels implements ReadonlyProcessModels {
  private readonly models = new Map<number, ExecutableProcess>();

  get(processDefinitionKey: number): ExecutableProcess | undefined {
    return this.models.get(processDefinitionKey);
  }

  element(processDefinitionKey: number, elementId: string): ExecutableElement | undefined {
    return this.models.get(processDefinitionKey)?.elements.get(elementId);
  }

  flow(processDefinitionKey: number, flowId: string): SequenceFlow | undefined {
    return this.models.get(processDefinitionKey)?.sequenceFlows.get(flowId);
  }

  put(processDefinitionKey: number, model: ExecutableProcess): void {
    this.models.set(processDefinitionKey, model);
  }
}
