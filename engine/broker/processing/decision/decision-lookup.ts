/**
 * Finds deployed decisions and evaluates them: by id (latest version) or key for EvaluateDecision,
 * by a business rule task's `zeebe:calledDecision` binding (`latest`, `deployment`, `versionTag`)
 * with Zeebe's incident wording for a miss.
 */
import { compiledDrg, evaluateDecision } from '../../model/index.ts';
import type { DrgEvaluation, EvaluationResult } from '../../model/index.ts';
import type { DecisionValue } from '../../protocol/decision-records.ts';
import type { ReadonlyEngineState } from '../../state/engine-state.ts';

/** Evaluates a deployed decision with its DRG; undefined when the DRG's executable model is unknown. */
export function evaluateDeployed(state: ReadonlyEngineState, decision: DecisionValue, variables: Record<string, unknown>): DrgEvaluation | undefined {
  const drg = state.decisions.drgByKey(decision.decisionRequirementsKey);
  const model = drg ? compiledDrg(drg.checksum) : undefined;
  return model ? evaluateDecision(model, decision.decisionId, variables) : undefined;
}

/** The decision a business rule task calls, by its binding; the CALLED_DECISION_ERROR message when there is none. */
export function findCalledDecision(
  state: ReadonlyEngineState,
  decisionId: string,
  binding: { readonly bindingType?: string; readonly versionTag?: string },
  processDefinitionKey: number,
): EvaluationResult<DecisionValue> {
  const bindingType = binding.bindingType ?? 'latest';
  if (bindingType === 'deployment') {
    const deploymentKey = state.deployments.processByKey(processDefinitionKey)?.deploymentKey ?? -1;
    const decision = state.decisions.decisionVersions(decisionId).find((version) => version.deploymentKey === deploymentKey);
    return decision
      ? { ok: true, value: decision }
      : {
          ok: false,
          message:
            `Expected to evaluate decision with id '${decisionId}' with binding type 'deployment', but no such decision found in the ` +
            `deployment with key ${deploymentKey} which contained the current process. To resolve this incident, migrate the process ` +
            'instance to a process definition that is deployed together with the intended decision to evaluate.',
        };
  }
  if (bindingType === 'versionTag') {
    const tag = binding.versionTag ?? '';
    const decision = state.decisions.decisionVersions(decisionId).find((version) => version.versionTag === tag);
    return decision
      ? { ok: true, value: decision }
      : {
          ok: false,
          message:
            `Expected to evaluate decision with id '${decisionId}' and version tag '${tag}', but no such decision found. ` +
            'To resolve this incident, deploy a decision with the given id and version tag.',
        };
  }
  const latest = state.decisions.latestDecision(decisionId);
  return latest ? { ok: true, value: latest } : { ok: false, message: `Expected to evaluate decision '${decisionId}', but no decision found for id '${decisionId}'` };
}
