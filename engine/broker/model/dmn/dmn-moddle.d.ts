/** Minimal typings for dmn-moddle's ESM entry (the package ships no types). */
declare module 'dmn-moddle' {
  export interface DmnModdleWarning {
    message: string;
    error?: Error;
    element?: unknown;
    property?: string;
    value?: unknown;
  }

  export interface DmnModdleParseResult {
    rootElement: unknown;
    warnings: DmnModdleWarning[];
    elementsById: Record<string, unknown>;
  }

  export class DmnModdle {
    constructor(packages?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string): Promise<DmnModdleParseResult>;
  }
}

/** Minimal typings for @bpmn-io/dmn-migrate (DMN 1.1 / 1.2 → 1.3; the package ships no types). */
declare module '@bpmn-io/dmn-migrate' {
  /** The XML migrated to DMN 1.3 (unchanged when it already is, or is no DMN it knows). */
  export function migrateDiagram(xml: string): Promise<string>;
}
