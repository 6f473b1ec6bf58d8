import type { ParsedProcessResource, ResourceProblem } from '../types.ts';
import { elementList, stringProp } from './moddle-element.ts';
import { readDefinitions } from './read-definitions.ts';
import { transformProcess } from './transform-process.ts';
import { validateProcess } from './validate-process.ts';

/** Outcome of parsing a BPMN resource: the parsed resource, or every problem found. */
export type BpmnParseOutcome =
  | { readonly ok: true; readonly resource: ParsedProcessResource }
  | { readonly ok: false; readonly problems: readonly ResourceProblem[] };

function isExecutable(process: { readonly [key: string]: unknown }): boolean {
  return process.isExecutable === true;
}

/**
 * Reads and validates BPMN XML. Processes marked `isExecutable="false"` (or unmarked) are skipped
 * as Zeebe skips them; a file without an executable process is a problem.
 */
export async function parseBpmn(
  resourceName: string,
  xml: string,
  checksum: string,
  validate = true,
): Promise<BpmnParseOutcome> {
  const { definitions, problems: xmlProblems, unresolvedReferences } = await readDefinitions(xml);
  const problems: ResourceProblem[] = validate ? xmlProblems.map((problem) => ({ resourceName, ...problem })) : [];
  if (!definitions) return { ok: false, problems: xmlProblems.map((problem) => ({ resourceName, ...problem })) };

  const processes = elementList(definitions, 'rootElements').filter((element) => element.$type === 'bpmn:Process');
  const executable = processes.filter(isExecutable);
  if (executable.length === 0) {
    problems.push({
      resourceName,
      elementId: definitions.id ?? stringProp(definitions, 'id'),
      message: 'Must contain at least one executable process',
    });
  }
  for (const process of validate ? executable : []) {
    validateProcess(
      process,
      (elementId, message) => problems.push({ resourceName, elementId, message }),
      unresolvedReferences,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    resource: {
      kind: 'process',
      resourceName,
      checksum,
      processes: executable.map((process) => transformProcess(process, { resourceName, checksum })),
    },
  };
}
