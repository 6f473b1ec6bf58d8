/* Declarations for bpmn-io packages that ship without TypeScript types. */
declare module 'bpmn-js-properties-panel' {
  export const BpmnPropertiesPanelModule: Record<string, any>;
  export const BpmnPropertiesProviderModule: Record<string, any>;
  export const ZeebePropertiesProviderModule: Record<string, any>;
  export function useService<T = unknown>(name: string, strict?: boolean): T;
}
declare module '@bpmn-io/properties-panel' {
  import type { ComponentType } from '@bpmn-io/properties-panel/preact';
  export const SelectEntry: ComponentType<Record<string, unknown>>;
  export const NumberFieldEntry: ComponentType<Record<string, unknown>>;
  export const CheckboxEntry: ComponentType<Record<string, unknown>>;
  export const TextFieldEntry: ComponentType<Record<string, unknown>>;
  export function isSelectEntryEdited(node: unknown): boolean;
  export function isNumberFieldEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
}
declare module 'bpmn-js-token-simulation' {
  const module: Record<string, any>;
  export default module;
}
declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, any>;
  export default module;
}
declare module '@camunda/linting' {
  export interface CamundaLintReport {
    id: string;
    message: string;
    category: 'error' | 'warn' | 'info' | 'rule-error';
    rule: string;
    data?: Record<string, unknown>;
    propertiesPanel?: { entryIds?: string[] };
  }
  export interface LintPlugin { config: { rules: Record<string, string> }; resolver: unknown }
  export class Linter {
    constructor(options?: { modeler?: 'desktop' | 'web'; type?: 'cloud' | 'platform'; plugins?: LintPlugin[] });
    lint(contents: string | object): Promise<CamundaLintReport[]>;
  }
}
declare module '@camunda/linting/modeler' {
  const module: Record<string, any>;
  export default module;
}
declare module 'bpmnlint/lib/resolver/static-resolver' {
  export default class StaticResolver {
    constructor(cache: Record<string, unknown>);
  }
}
declare module 'bpmnlint/rules/*' {
  const rule: () => unknown;
  export default rule;
}
declare module 'bpmn-js-token-simulation/assets/css/bpmn-js-token-simulation.css';
declare module '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
declare module '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
declare module '@bpmn-io/form-js-editor/dist/assets/properties-panel.css';
declare module 'bpmn-moddle' {
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string): Promise<{ rootElement: unknown; warnings: unknown[] }>;
  }
}
declare module 'bpmn-auto-layout' {
  export function layoutProcess(xml: string): Promise<string>;
}
