/** None start event: activates and completes at once, like a pass-through task. */
import { passThroughTaskProcessor } from '../task/pass-through-task-processor.ts';

export const startEventProcessor = passThroughTaskProcessor;
