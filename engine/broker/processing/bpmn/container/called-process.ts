/**
 * Which process a call activity calls, by its `zeebe:calledElement bindingType` (Zeebe 8.x):
 * `latest` — the latest deployed version; `deployment` — the version deployed together with the
 * calling process's version; `versionTag` — the latest version carrying the given `zeebe:versionTag`.
 * A miss is a CALLED_ELEMENT_ERROR incident worded as Zeebe words it.
 */
import type { EvaluationResult, ExecutableProcess } from '../../../model/index.ts';
import type { ProcessValue } from '../../../protocol/record.ts';
import type { ReadonlyEngineState } from '../../../state/engine-state.ts';
import type { ElementContext } from '../element-processor.ts';

/** The called process version and its executable model. */
export interface CalledProcess {
  readonly process: ProcessValue;
  readonly model: ExecutableProcess;
}

/** Finds the process a call activity instance calls; the incident message when there is none. */
export function findCalledProcess(state: ReadonlyEngineState, element: ElementContext, processId: string): EvaluationResult<CalledProcess> {
  const called = element.element.calledElement;
  const found = lookup(state, element, processId, called?.bindingType ?? 'latest', called?.versionTag ?? '');
  if (!found.ok) return found;
  const model = state.models.get(found.value.processDefinitionKey);
  if (!model) return { ok: false, message: `Expected process with BPMN process id '${processId}' to be deployed, but not found.` };
  return { ok: true, value: { process: found.value, model } };
}

function lookup(state: ReadonlyEngineState, element: ElementContext, processId: string, bindingType: string, versionTag: string): EvaluationResult<ProcessValue> {
  const deployments = state.deployments;
  if (bindingType === 'deployment') {
    const deploymentKey = deployments.processByKey(element.value.processDefinitionKey)?.deploymentKey ?? -1;
    const process = deployments.processInDeployment(processId, deploymentKey);
    return process
      ? { ok: true, value: process }
      : {
          ok: false,
          message:
            `Expected to call process with BPMN process id '${processId}' with binding type 'deployment', ` +
            `but no such process found in the deployment with key ${deploymentKey} which contained the current process. ` +
            'To resolve this incident, migrate the process instance to a process definition that is deployed together with the intended process definition to call.',
        };
  }
  if (bindingType === 'versionTag') {
    const process = deployments.processVersions(processId).find((version) => state.models.get(version.processDefinitionKey)?.versionTag === versionTag);
    return process
      ? { ok: true, value: process }
      : {
          ok: false,
          message:
            `Expected to call process with BPMN process id '${processId}' and version tag '${versionTag}', but no such process found. ` +
            'To resolve this incident, deploy a process with the given process id and version tag.',
        };
  }
  const latest = deployments.latestProcess(processId);
  return latest ? { ok: true, value: latest } : { ok: false, message: `Expected process with BPMN process id '${processId}' to be deployed, but not found.` };
}
