/** Parses and validates one `.dmn` resource into an executable DRG. */
import type { ResourceProblem } from '../types.ts';
import { rememberDrg } from './compiled-drgs.ts';
import type { ParsedDecisionResource } from './dmn-types.ts';
import { readDmn } from './read-dmn.ts';
import { transformDrg } from './transform-dmn.ts';

/** The parsed resource, or every problem found. */
export type DmnParseOutcome =
  | { readonly ok: true; readonly resource: ParsedDecisionResource }
  | { readonly ok: false; readonly problems: readonly ResourceProblem[] };

/**
 * Reads DMN 1.3 XML with dmn-moddle and validates it; problems name the decision (as the element)
 * and the rule, input or output they concern. A valid resource's DRG is remembered by checksum.
 */
export async function parseDmn(resourceName: string, xml: string, checksum: string): Promise<DmnParseOutcome> {
  const { definitions, problems: xmlProblems } = await readDmn(xml);
  const problems: ResourceProblem[] = xmlProblems.map((problem) => ({ resourceName, ...problem }));
  if (!definitions) return { ok: false, problems };
  const drg = transformDrg(definitions, (elementId, message) => problems.push({ resourceName, elementId, message }));
  if (problems.length > 0) return { ok: false, problems };
  rememberDrg(checksum, drg);
  return { ok: true, resource: { kind: 'decision', resourceName, checksum, drg } };
}
