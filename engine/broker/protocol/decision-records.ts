/**
 * DECISION_REQUIREMENTS, DECISION and DECISION_EVALUATION records, shaped like Zeebe's
 * DecisionRequirementsRecord, DecisionRecord and DecisionEvaluationRecord. They extend the
 * {@link EventIntents}, {@link CommandIntents} and {@link ValueOf} maps by interface merging.
 */

/** Deployment metadata of a DRG (DeploymentRecord.decisionRequirementsMetadata). */
export interface DecisionRequirementsMetadataValue {
  decisionRequirementsId: string;
  decisionRequirementsName: string;
  decisionRequirementsVersion: number;
  decisionRequirementsKey: number;
  namespace: string;
  resourceName: string;
  checksum: string;
  duplicate: boolean;
  tenantId: string;
}

/** DECISION_REQUIREMENTS value: the metadata and the DMN resource. */
export interface DecisionRequirementsValue extends Omit<DecisionRequirementsMetadataValue, 'duplicate'> {
  resource: string;
}

/** DECISION value (also DeploymentRecord.decisionsMetadata, there with `duplicate`). */
export interface DecisionMetadataValue {
  decisionId: string;
  decisionName: string;
  version: number;
  decisionKey: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: number;
  duplicate: boolean;
  tenantId: string;
  deploymentKey: number;
  versionTag: string;
}

/** DECISION record value (no `duplicate`). */
export type DecisionValue = Omit<DecisionMetadataValue, 'duplicate'>;

/** An evaluated input; the value is JSON text, as Zeebe exports it. */
export interface EvaluatedInputValue {
  inputId: string;
  inputName: string;
  inputValue: string;
}

/** An evaluated output of a matched rule; the value is JSON text. */
export interface EvaluatedOutputValue {
  outputId: string;
  outputName: string;
  outputValue: string;
}

/** A matched rule. */
export interface MatchedRuleValue {
  ruleId: string;
  ruleIndex: number;
  evaluatedOutputs: EvaluatedOutputValue[];
}

/** One evaluated decision of a decision evaluation. */
export interface EvaluatedDecisionValue {
  decisionId: string;
  decisionName: string;
  decisionKey: number;
  decisionVersion: number;
  decisionType: string;
  /** JSON text of the decision's result. */
  decisionOutput: string;
  evaluatedInputs: EvaluatedInputValue[];
  matchedRules: MatchedRuleValue[];
  tenantId: string;
}

/**
 * DECISION_EVALUATION value: the decision asked for, its result, every evaluated decision, the process
 * context of a business rule task (-1 / '' for EvaluateDecision), the failure (empty when evaluated).
 */
export interface DecisionEvaluationValue {
  decisionKey: number;
  decisionId: string;
  decisionName: string;
  decisionVersion: number;
  decisionRequirementsId: string;
  decisionRequirementsKey: number;
  /** JSON text of the result ('null' when the evaluation failed). */
  decisionOutput: string;
  /** The variables of the command (EvaluateDecision); empty for a business rule task. */
  variables: Record<string, unknown>;
  bpmnProcessId: string;
  processDefinitionKey: number;
  processInstanceKey: number;
  elementId: string;
  elementInstanceKey: number;
  evaluatedDecisions: EvaluatedDecisionValue[];
  evaluationFailureMessage: string;
  failedDecisionId: string;
  tenantId: string;
}

declare module './intents.ts' {
  interface EventIntents {
    DECISION_REQUIREMENTS: 'CREATED' | 'DELETED';
    DECISION: 'CREATED' | 'DELETED';
    DECISION_EVALUATION: 'EVALUATED' | 'FAILED';
  }
  interface CommandIntents {
    DECISION_EVALUATION: 'EVALUATE';
  }
}

declare module './record.ts' {
  interface ValueOf {
    DECISION_REQUIREMENTS: DecisionRequirementsValue;
    DECISION: DecisionValue;
    DECISION_EVALUATION: DecisionEvaluationValue;
  }
}
