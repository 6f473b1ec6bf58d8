import { createHash } from 'node:crypto';
import { parseBpmn } from './bpmn/parse-bpmn.ts';
import { decodeText } from './decode-text.ts';
import { parseDmn } from './dmn/parse-dmn.ts';
import { ResourceValidationError } from './errors.ts';
import { parseForm } from './form/parse-form.ts';
import type { ParseOptions } from './parse-options.ts';
import type { ParsedResource } from './types.ts';

const BPMN_SUFFIXES = ['.bpmn', '.xml'];
const FORM_SUFFIXES = ['.form'];

/** Hex MD5 of the resource bytes, as Zeebe uses to recognise identical redeploys. */
export function resourceChecksum(content: Buffer | string): string {
  return createHash('md5').update(content).digest('hex');
}

/**
 * Parses and validates one deployment resource by its name's suffix: `.bpmn`/`.xml` → processes,
 * `.dmn` → a decision requirements graph, `.form` → a form. Throws {@link ResourceValidationError} listing every problem found.
 */
export async function parseResource(
  resourceName: string,
  content: Buffer | string,
  options: ParseOptions = {},
): Promise<ParsedResource> {
  const text = decodeText(content);
  const checksum = resourceChecksum(content);
  const lower = resourceName.toLowerCase();
  if (BPMN_SUFFIXES.some((suffix) => lower.endsWith(suffix))) {
    const outcome = await parseBpmn(resourceName, text, checksum, options.validate ?? true);
    if (!outcome.ok) throw new ResourceValidationError(outcome.problems);
    return outcome.resource;
  }
  if (FORM_SUFFIXES.some((suffix) => lower.endsWith(suffix))) {
    const outcome = parseForm(resourceName, text, checksum);
    if (!outcome.ok) throw new ResourceValidationError(outcome.problems);
    return outcome.resource;
  }
  if (lower.endsWith('.dmn')) {
    const outcome = await parseDmn(resourceName, text, checksum);
    if (!outcome.ok) throw new ResourceValidationError(outcome.problems);
    return outcome.resource;
  }
  throw new ResourceValidationError([
    {
      resourceName,
      message: "Expected the resource to be a BPMN process ('.bpmn', '.xml'), a DMN decision ('.dmn') or a form ('.form'), but the name has another suffix",
    },
  ]);
}
