/** Reads `zeebe:calledElement` of a call activity. */
import { parseExpression } from '../feel/expression.ts';
import type { CalledElementProperties } from '../types.ts';
import { extension, stringProp } from './moddle-element.ts';
import type { ModdleElement } from './moddle-element.ts';

function flag(element: ModdleElement, name: string): boolean | undefined {
  const value = (element as unknown as Record<string, unknown>)[name];
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return undefined;
}

/** The called element of a `bpmn:CallActivity`, undefined for other elements or when missing. */
export function readCalledElement(node: ModdleElement): CalledElementProperties | undefined {
  if (node.$type !== 'bpmn:CallActivity') return undefined;
  const called = extension(node, 'zeebe:CalledElement');
  const processId = called ? stringProp(called, 'processId') : undefined;
  if (!called || !processId) return undefined;
  return {
    processId: parseExpression(processId),
    bindingType: stringProp(called, 'bindingType') ?? 'latest',
    versionTag: stringProp(called, 'versionTag'),
    propagateAllChildVariables: flag(called, 'propagateAllChildVariables') ?? true,
    propagateAllParentVariables: flag(called, 'propagateAllParentVariables') ?? true,
  };
}
