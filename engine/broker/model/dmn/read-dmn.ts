/** Reads DMN XML with dmn-moddle into its object tree (moddle elements); DMN 1.1 and 1.2 are migrated to 1.3 first. */
import { migrateDiagram } from '@bpmn-io/dmn-migrate';
import { DmnModdle } from 'dmn-moddle';
import type { DmnModdleWarning } from 'dmn-moddle';
import { isModdleElement } from '../bpmn/moddle-element.ts';
import type { ModdleElement } from '../bpmn/moddle-element.ts';

/** One reader serves every read (building the type registry is the costly part). */
let moddle: DmnModdle | undefined;

/** A problem found while reading the XML, before any decision validation. */
export interface DmnXmlProblem {
  readonly elementId?: string;
  readonly message: string;
}

/** The `dmn:definitions` element (unless unreadable) and the reader's problems. */
export interface ReadDmnResult {
  readonly definitions?: ModdleElement;
  readonly problems: readonly DmnXmlProblem[];
}

/**
 * Reads DMN XML (DMN 1.1 and 1.2 files, as older Camunda Modelers saved them, are migrated to DMN 1.3 with
 * @bpmn-io/dmn-migrate). Malformed XML yields one problem with the parser's message; moddle's warnings
 * (unknown elements or attributes of the DMN namespace, duplicate ids, unresolved references) are
 * problems too. Extension elements of other namespaces (`zeebe:versionTag`) are kept as generic elements.
 */
export async function readDmn(xml: string): Promise<ReadDmnResult> {
  moddle ??= new DmnModdle();
  try {
    const { rootElement, warnings } = await moddle.fromXML(await migrateDiagram(xml), 'dmn:Definitions');
    const problems = warnings.map(toProblem);
    if (!isModdleElement(rootElement) || rootElement.$type !== 'dmn:Definitions') {
      return { problems: [...problems, { message: 'Expected a DMN <definitions> root element (DMN 1.1, 1.2 or 1.3 namespace), but none was found' }] };
    }
    return { definitions: rootElement, problems };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { problems: [{ message: `Failed to read the DMN XML: ${message.replace(/\s+/g, ' ').trim()}` }] };
  }
}

function toProblem(warning: DmnModdleWarning): DmnXmlProblem {
  const element = isModdleElement(warning.element) ? warning.element : undefined;
  const id = element && typeof element.id === 'string' ? element.id : undefined;
  return { elementId: id, message: `Failed to read the DMN XML: ${warning.message.replace(/\s+/g, ' ').trim()}` };
}
