/**
 * Exclusive gateway: takes the first outgoing flow whose condition is true (model order), else the
 * default flow; with neither, raises a CONDITION_ERROR incident and waits for its resolution.
 */
import { leafProcessor } from '../leaf-processor.ts';

export const exclusiveGatewayProcessor = leafProcessor((element, bpmn) => bpmn.forkByConditions(element, 'first'));
