/** DMN decisions: parsing (dmn-moddle), validation and evaluation (feelin). */
export type * from './dmn-types.ts';
export type * from './evaluation-types.ts';
export { parseDmn } from './parse-dmn.ts';
export type { DmnParseOutcome } from './parse-dmn.ts';
export { compiledDrg } from './compiled-drgs.ts';
export { evaluateDecision, evaluationOrder } from './evaluate-drg.ts';
