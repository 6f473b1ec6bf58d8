import { createRequire } from 'node:module';
import { BpmnModdle } from 'bpmn-moddle';
import type { ModdleWarning } from 'bpmn-moddle';
import { isModdleElement } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';

const require = createRequire(import.meta.url);
const zeebeSchema: Record<string, unknown> = require('zeebe-bpmn-moddle/resources/zeebe.json');

/** Building the type registry is the costly part of reading; one instance serves every read. */
let moddle: BpmnModdle | undefined;

/** A problem found while reading the XML, before any model validation. */
export interface XmlProblem {
  readonly elementId?: string;
  readonly message: string;
}

/** Outcome of reading BPMN XML: the definitions (unless unreadable) and the reader's problems. */
export interface ReadDefinitionsResult {
  readonly definitions?: ModdleElement;
  readonly problems: readonly XmlProblem[];
  /** `elementId#property` of every reference moddle could not resolve (and therefore dropped). */
  readonly unresolvedReferences: ReadonlySet<string>;
}

/**
 * Reads BPMN 2.0 XML with bpmn-moddle and the zeebe extension schema. Malformed XML yields one
 * problem with the parser's line and column; duplicate ids, unknown elements and unresolved
 * references (which moddle reports as warnings and drops) become problems too.
 */
export async function readDefinitions(xml: string): Promise<ReadDefinitionsResult> {
  moddle ??= new BpmnModdle({ zeebe: zeebeSchema });
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
    const problems = warnings.map(toProblem);
    const unresolvedReferences = new Set<string>();
    for (const warning of warnings) {
      if (warning.property !== undefined && isModdleElement(warning.element)) {
        unresolvedReferences.add(`${warning.element.id ?? ''}#${warning.property.replace(/^bpmn:/, '')}`);
      }
    }
    if (!isModdleElement(rootElement)) {
      const missing = { message: 'Expected a BPMN <definitions> root element, but none was found' };
      return { problems: [...problems, missing], unresolvedReferences };
    }
    return { definitions: rootElement, problems, unresolvedReferences };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      problems: [{ message: `Failed to read the BPMN XML: ${describeParseError(message)}` }],
      unresolvedReferences: new Set(),
    };
  }
}

function toProblem(warning: ModdleWarning): XmlProblem {
  const duplicate = /duplicate ID <([^>]*)>/.exec(warning.message);
  const where = location(warning.message);
  if (duplicate) {
    return { elementId: duplicate[1], message: `There are multiple occurrences of ID value '${duplicate[1]}'${where}` };
  }
  if (warning.property !== undefined && isModdleElement(warning.element)) {
    const owner = warning.element;
    const property = warning.property.replace(/^bpmn:/, '');
    const value = String(warning.value);
    if (owner.$type === 'bpmn:SequenceFlow' && (property === 'sourceRef' || property === 'targetRef')) {
      return { elementId: owner.id, message: `SequenceFlow has ${property} '${value}' which cannot be resolved` };
    }
    return { elementId: owner.id, message: `Attribute '${property}' references '${value}', which cannot be resolved` };
  }
  const unknownType = /unknown type <([^>]*)>/.exec(warning.message);
  if (unknownType) {
    return { message: `Unknown element <${unknownType[1]}>${where}` };
  }
  return { message: `${oneLine(warning.message)}` };
}

/** moddle reports 0-based line/column; people count from 1. */
function location(message: string): string {
  const line = /line: (\d+)/.exec(message)?.[1];
  const column = /column: (\d+)/.exec(message)?.[1];
  if (line === undefined) return '';
  return ` (line ${Number(line) + 1}, column ${column === undefined ? '?' : Number(column) + 1})`;
}

/** `unparsable content <x> detected\n line: 2\n column: 18\n nested error: closing tag mismatch` → readable text. */
function describeParseError(message: string): string {
  const nested = /nested error: (.*)/.exec(message)?.[1];
  const content = /unparsable content (.*) detected/.exec(message)?.[1];
  if (nested === undefined) return oneLine(message);
  return `${nested}${content === undefined ? '' : ` at ${content}`}${location(message)}`;
}

function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ', ').trim();
}
