import type { ParsedFormResource, ResourceProblem } from '../types.ts';

/** Outcome of parsing a form-js resource. */
export type FormParseOutcome =
  | { readonly ok: true; readonly resource: ParsedFormResource }
  | { readonly ok: false; readonly problems: readonly ResourceProblem[] };

/**
 * Parses a form-js `.form` file: JSON whose top level is an object with a non-empty string `id`
 * (the form id user tasks link to with `zeebe:formDefinition formId`).
 */
export function parseForm(resourceName: string, text: string, checksum: string): FormParseOutcome {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ resourceName, message: `Failed to parse the form JSON: ${reason}` }] };
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    return { ok: false, problems: [{ resourceName, message: 'Expected the form to be a JSON object, but it is not' }] };
  }
  const record = schema as Record<string, unknown>;
  const id = record.id;
  if (typeof id !== 'string' || id.trim() === '') {
    return { ok: false, problems: [{ resourceName, message: 'Expected the form id to be present, but none given' }] };
  }
  return { ok: true, resource: { kind: 'form', resourceName, formId: id, checksum, schema: record } };
}
