/** The complete command processor registry; the {@link CommandProcessors} type makes it exhaustive. */
import type { CommandProcessors } from './command-processor.ts';
import { deployProcessor } from './deployment/deploy-processor.ts';
import { resolveIncidentProcessor } from './incident/resolve-incident-processor.ts';
import { activateJobsProcessor } from './job/activate-jobs-processor.ts';
import { completeJobProcessor } from './job/complete-job-processor.ts';
import { failJobProcessor } from './job/fail-job-processor.ts';
import {
  recurAfterBackoffProcessor,
  timeOutJobProcessor,
  updateRetriesProcessor,
  updateTimeoutProcessor,
  yieldJobProcessor,
} from './job/job-lifecycle-processors.ts';
import { throwErrorProcessor } from './job/throw-error-processor.ts';
import { createProcessInstanceProcessor } from './process-instance/create-process-instance-processor.ts';
import { migrateProcessInstanceProcessor } from './process-instance/migrate-process-instance-processor.ts';
import { modifyProcessInstanceProcessor } from './process-instance/modify-process-instance-processor.ts';
import { processInstanceProcessors } from './process-instance/process-instance-processors.ts';
import { setVariablesProcessor } from './variable/set-variables-processor.ts';
import { correlateSubscriptionProcessor } from './message/correlate-subscription-processor.ts';
import { migrateMessageSubscriptionProcessor } from './message/migrate-message-subscription-processor.ts';
import { expireMessageProcessor, publishMessageProcessor } from './message/publish-message-processor.ts';
import { triggerTimerProcessor } from './timer/trigger-timer-processor.ts';
import { broadcastSignalProcessor } from './signal/broadcast-signal-processor.ts';
import { deleteResourceProcessor } from './resource/delete-resource-processor.ts';
import { evaluateDecisionProcessor } from './decision/evaluate-decision-processor.ts';

export const commandProcessors: CommandProcessors = {
  DEPLOYMENT: { CREATE: deployProcessor },
  PROCESS_INSTANCE: processInstanceProcessors,
  PROCESS_INSTANCE_CREATION: {
    CREATE: createProcessInstanceProcessor,
    CREATE_WITH_AWAITING_RESULT: createProcessInstanceProcessor,
  },
  PROCESS_INSTANCE_MODIFICATION: { MODIFY: modifyProcessInstanceProcessor },
  PROCESS_INSTANCE_MIGRATION: { MIGRATE: migrateProcessInstanceProcessor },
  JOB: {
    COMPLETE: completeJobProcessor,
    FAIL: failJobProcessor,
    THROW_ERROR: throwErrorProcessor,
    TIME_OUT: timeOutJobProcessor,
    UPDATE_RETRIES: updateRetriesProcessor,
    UPDATE_TIMEOUT: updateTimeoutProcessor,
    RECUR_AFTER_BACKOFF: recurAfterBackoffProcessor,
    YIELD: yieldJobProcessor,
  },
  JOB_BATCH: { ACTIVATE: activateJobsProcessor },
  VARIABLE_DOCUMENT: { UPDATE: setVariablesProcessor },
  INCIDENT: { RESOLVE: resolveIncidentProcessor },
  TIMER: { TRIGGER: triggerTimerProcessor },
  MESSAGE: { PUBLISH: publishMessageProcessor, EXPIRE: expireMessageProcessor },
  PROCESS_MESSAGE_SUBSCRIPTION: { CORRELATE: correlateSubscriptionProcessor },
  MESSAGE_SUBSCRIPTION: { MIGRATE: migrateMessageSubscriptionProcessor },
  SIGNAL: { BROADCAST: broadcastSignalProcessor },
  RESOURCE_DELETION: { DELETE: deleteResourceProcessor },
  DECISION_EVALUATION: { EVALUATE: evaluateDecisionProcessor },
};
