/** Minimal shapes of bpmn-js / moddle objects the designer touches (the libraries ship no usable types for them). */

/** A moddle element (business object or extension element). */
export interface ModdleElement {
  $type: string;
  $parent?: ModdleElement;
  $instanceOf?: (type: string) => boolean;
  id?: string;
  name?: string;
  get(name: string): unknown;
  set(name: string, value: unknown): void;
  [key: string]: unknown;
}

/** A shape or connection on the canvas. */
export interface DiagramElement {
  id: string;
  type: string;
  businessObject: ModdleElement;
  incoming?: DiagramElement[];
  outgoing?: DiagramElement[];
  source?: DiagramElement;
  target?: DiagramElement;
  labelTarget?: DiagramElement;
}

/** `bpmnFactory` service. */
export interface BpmnFactory {
  create(type: string, attrs?: Record<string, unknown>): ModdleElement;
}

/** One command of a multi-command. */
export interface CommandSpec {
  cmd: string;
  context: Record<string, unknown>;
}

/** `commandStack` service (the part we use). */
export interface CommandStack {
  execute(command: string, context: unknown): void;
  registerHandler(command: string, handler: unknown): void;
}

/** `elementRegistry` service (the part we use). */
export interface ElementRegistry {
  get(id: string): DiagramElement | undefined;
  getAll(): DiagramElement[];
  filter(fn: (e: DiagramElement) => boolean): DiagramElement[];
}

/** `eventBus` service (the part we use). */
export interface EventBus {
  on(event: string | string[], priority: number | ((e: unknown) => unknown), cb?: (e: unknown) => unknown): void;
  off(event: string | string[], cb: (e: unknown) => unknown): void;
  fire(event: string, data?: unknown): unknown;
}

/** True when the moddle element is of the type (or a subtype). */
export function isType(el: ModdleElement | undefined | null, type: string): boolean {
  if (!el) return false;
  return typeof el.$instanceOf === 'function' ? el.$instanceOf(type) : el.$type === type;
}
