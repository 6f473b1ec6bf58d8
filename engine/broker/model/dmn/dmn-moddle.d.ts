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
