/**
 * Inclusive gateway. Fork: takes every outgoing flow whose condition is true (and every flow without
 * a condition), else the default flow; with neither, a CONDITION_ERROR incident. Join: activated once
 * every incoming flow either has a token or can no longer get one (see `inclusiveJoinComplete`).
 */
import { leafProcessor } from '../leaf-processor.ts';

export const inclusiveGatewayProcessor = leafProcessor((element, bpmn) => bpmn.forkByConditions(element, 'all'));
