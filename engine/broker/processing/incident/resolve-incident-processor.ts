/** INCIDENT RESOLVE: marks the incident resolved and retries the step that failed. */
import type { CommandProcessor } from '../command-processor.ts';

export const resolveIncidentProcessor: CommandProcessor<'INCIDENT'> = (command, ctx) => {
  const incident = ctx.state.incidents.get(command.key);
  if (!incident) {
    ctx.reject('NOT_FOUND', `Expected to resolve incident with key '${command.key}', but no such incident was found`);
    return;
  }
  ctx.event(command.key, 'INCIDENT', 'RESOLVED', incident);
  ctx.respond({});
  if (incident.jobKey > 0) return; // the job becomes activatable again (if it has retries)
  const instance = ctx.state.elementInstances.get(incident.elementInstanceKey);
  if (!instance) return;
  if (instance.state === 'ELEMENT_ACTIVATING') {
    ctx.followUp(instance.key, 'PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', instance.value);
  } else if (instance.state === 'ELEMENT_COMPLETING') {
    ctx.followUp(instance.key, 'PROCESS_INSTANCE', 'COMPLETE_ELEMENT', instance.value);
  }
};
