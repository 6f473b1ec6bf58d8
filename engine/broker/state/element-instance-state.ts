/** Element instances of running process instances (the token state). */
import type { EventIntents } from '../protocol/intents.ts';
import type { ProcessInstanceValue } from '../protocol/record.ts';

/** The lifecycle state an element instance is in. */
export type ElementState = Exclude<EventIntents['PROCESS_INSTANCE'], 'SEQUENCE_FLOW_TAKEN'>;

/** One element instance. */
export interface ElementInstance {
  readonly key: number;
  state: ElementState;
  readonly value: ProcessInstanceValue;
  /** Active child element instances (containers). */
  childCount: number;
  /** Sequence flows taken inside this scope whose target has not been activated yet. */
  activeFlows: number;
  readonly children: Set<number>;
  /** Key of the job of a job-based task, 0 when none. */
  jobKey: number;
  /** Sequence flows taken inside this scope and not yet consumed: target element id → flow id → count. */
  pendingFlows?: Map<string, Map<string, number>>;
  /** Multi-instance bodies: inner instances completed so far (counted from ELEMENT_COMPLETING, as Zeebe). */
  completedChildren?: number;
  /** Multi-instance bodies: inner instances terminated so far. */
  terminatedChildren?: number;
  /** Set when a terminate end event completed in this scope: nothing new is activated in it. */
  interrupted?: boolean;
  /** Call activities: key of the child process instance they created. */
  calledChildKey?: number;
}

/** Read access to element instances. */
export interface ReadonlyElementInstanceState {
  get(key: number): Readonly<ElementInstance> | undefined;
  /** Count of element instances (for tests and metrics). */
  readonly size: number;
  /** Whether a process instance of the process definition is still running (resource deletion). */
  hasProcessInstancesOf(processDefinitionKey: number): boolean;
}

/** Element instance state; changed only by appliers. */
export class ElementInstanceState implements ReadonlyElementInstanceState {
  private readonly instances = new Map<number, ElementInstance>();

  get size(): number {
    return this.instances.size;
  }

  get(key: number): ElementInstance | undefined {
    return this.instances.get(key);
  }

  hasProcessInstancesOf(processDefinitionKey: number): boolean {
    for (const instance of this.instances.values()) {
      if (instance.value.bpmnElementType === 'PROCESS' && instance.value.processDefinitionKey === processDefinitionKey) return true;
    }
    return false;
  }

  create(key: number, value: ProcessInstanceValue): ElementInstance {
    const instance: ElementInstance = {
      key,
      state: 'ELEMENT_ACTIVATING',
      value,
      childCount: 0,
      activeFlows: 0,
      children: new Set(),
      jobKey: 0,
    };
    this.instances.set(key, instance);
    const scope = this.instances.get(value.flowScopeKey);
    if (scope) {
      scope.childCount++;
      scope.children.add(key);
    }
    return instance;
  }

  remove(key: number): void {
    const instance = this.instances.get(key);
    if (!instance) return;
    this.instances.delete(key);
    const scope = this.instances.get(instance.value.flowScopeKey);
    if (scope) {
      scope.childCount--;
      scope.children.delete(key);
    }
  }

  snapshot(): unknown {
    return [...this.instances.values()].map((i) => ({
      ...i,
      children: [...i.children],
      pendingFlows: i.pendingFlows ? [...i.pendingFlows].map(([g, flows]) => [g, [...flows]]) : undefined,
    }));
  }
}
