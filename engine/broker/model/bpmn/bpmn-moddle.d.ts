/** Minimal typings for bpmn-moddle's ESM entry (the package ships types only for its model). */
declare module 'bpmn-moddle' {
  export interface ModdleWarning {
    message: string;
    error?: Error;
    element?: unknown;
    property?: string;
    value?: unknown;
  }

  export interface ModdleParseResult {
    rootElement: unknown;
    warnings: ModdleWarning[];
    elementsById: Record<string, unknown>;
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<ModdleParseResult>;
  }
}
