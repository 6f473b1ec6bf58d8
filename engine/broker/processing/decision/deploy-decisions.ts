/**
 * The DMN part of DEPLOYMENT CREATE: DECISION_REQUIREMENTS CREATED and one DECISION CREATED per
 * decision, versioned per DRG id and per decision id. A DRG identical (checksum and resource name) to
 * its latest version keeps that version and its decisions' keys when the whole deployment is a
 * duplicate; otherwise it gets the next version, and so does every decision in it.
 */
import type { ParsedDecisionResource } from '../../model/index.ts';
import type { DecisionMetadataValue, DecisionRequirementsMetadataValue } from '../../protocol/decision-records.ts';
import type { ReadonlyEngineState } from '../../state/engine-state.ts';
import type { ProcessingContext } from '../processing-context.ts';

/** Whether the resource is identical to the latest version of its DRG id. */
export function sameAsLatestDrg(state: ReadonlyEngineState, resource: ParsedDecisionResource): boolean {
  const latest = state.decisions.latestDrg(resource.drg.id);
  return latest !== undefined && latest.checksum === resource.checksum && latest.resourceName === resource.resourceName;
}

/**
 * Why the deployment must be rejected for its decisions, if it must: a DRG id or decision id deployed
 * twice in this deployment, or a decision id already deployed as part of another DRG id (a decision id
 * belongs to one DRG).
 */
export function decisionOwnershipProblem(state: ReadonlyEngineState, resources: readonly ParsedDecisionResource[]): string | undefined {
  const owners = new Map<string, string>();
  const drgOwners = new Map<string, string>();
  for (const resource of resources) {
    const otherDrg = drgOwners.get(resource.drg.id);
    if (otherDrg !== undefined) {
      return `Expected the decision requirements ids to be unique within a deployment but found a duplicated id '${resource.drg.id}' in the resources '${otherDrg}' and '${resource.resourceName}'.`;
    }
    drgOwners.set(resource.drg.id, resource.resourceName);
    for (const decisionId of resource.drg.decisions.keys()) {
      const other = owners.get(decisionId);
      if (other !== undefined) {
        return `Expected the decision ids to be unique within a deployment but found a duplicated id '${decisionId}' in the resources '${other}' and '${resource.resourceName}'.`;
      }
      owners.set(decisionId, resource.resourceName);
      const deployed = state.decisions.latestDecision(decisionId);
      if (deployed && deployed.decisionRequirementsId !== resource.drg.id) {
        return (
          `Expected the decision ids to be unique within a deployment but found a duplicated id '${decisionId}': ` +
          `'${resource.resourceName}' deploys it in the decision requirements '${resource.drg.id}', but it is already deployed ` +
          `in the decision requirements '${deployed.decisionRequirementsId}'.`
        );
      }
    }
  }
  return undefined;
}

/** What one DMN resource contributed to the deployment. */
export interface DeployedDrg {
  readonly requirements: DecisionRequirementsMetadataValue;
  readonly decisions: DecisionMetadataValue[];
  /** DeployResponse entries (gRPC field names): the decisions, then the DRG. */
  readonly answers: Record<string, Record<string, unknown>>[];
}

/** Writes the DRG and its decisions (unless a duplicate) and returns their metadata. */
export function deployDrg(
  ctx: ProcessingContext,
  resource: ParsedDecisionResource,
  text: string,
  deploymentKey: number,
  keepDuplicates: boolean,
  tenantId: string,
): DeployedDrg {
  const state = ctx.state.decisions;
  const drg = resource.drg;
  const latest = state.latestDrg(drg.id);
  const duplicate = keepDuplicates && latest !== undefined && sameAsLatestDrg(ctx.state, resource);
  const requirements: DecisionRequirementsMetadataValue = {
    decisionRequirementsId: drg.id,
    decisionRequirementsName: drg.name,
    decisionRequirementsVersion: duplicate ? latest.decisionRequirementsVersion : state.highestDrgVersion(drg.id) + 1,
    decisionRequirementsKey: duplicate ? latest.decisionRequirementsKey : ctx.nextKey(),
    namespace: drg.namespace,
    resourceName: resource.resourceName,
    checksum: resource.checksum,
    duplicate,
    tenantId,
  };
  const previous = duplicate ? new Map(state.decisionsOfDrg(latest.decisionRequirementsKey).map((d) => [d.decisionId, d])) : new Map();
  const decisions = [...drg.decisions.values()].map((decision): DecisionMetadataValue => {
    const same = previous.get(decision.id);
    return {
      decisionId: decision.id,
      decisionName: decision.name,
      version: same ? same.version : state.highestDecisionVersion(decision.id) + 1,
      decisionKey: same ? same.decisionKey : ctx.nextKey(),
      decisionRequirementsId: drg.id,
      decisionRequirementsKey: requirements.decisionRequirementsKey,
      duplicate,
      tenantId,
      deploymentKey: same ? same.deploymentKey : deploymentKey,
      versionTag: decision.versionTag ?? '',
    };
  });
  if (!duplicate) {
    const { duplicate: _d, ...value } = requirements;
    ctx.event(requirements.decisionRequirementsKey, 'DECISION_REQUIREMENTS', 'CREATED', { ...value, resource: text });
    for (const decision of decisions) {
      const { duplicate: _dd, ...decisionValue } = decision;
      ctx.event(decision.decisionKey, 'DECISION', 'CREATED', decisionValue);
    }
  }
  const answers = [
    ...decisions.map((decision) => ({
      decision: {
        dmnDecisionId: decision.decisionId,
        dmnDecisionName: decision.decisionName,
        version: decision.version,
        decisionKey: decision.decisionKey,
        dmnDecisionRequirementsId: decision.decisionRequirementsId,
        decisionRequirementsKey: decision.decisionRequirementsKey,
        tenantId,
      },
    })),
    {
      decisionRequirements: {
        dmnDecisionRequirementsId: requirements.decisionRequirementsId,
        dmnDecisionRequirementsName: requirements.decisionRequirementsName,
        version: requirements.decisionRequirementsVersion,
        decisionRequirementsKey: requirements.decisionRequirementsKey,
        resourceName: requirements.resourceName,
        tenantId,
      },
    },
  ];
  return { requirements, decisions, answers };
}
