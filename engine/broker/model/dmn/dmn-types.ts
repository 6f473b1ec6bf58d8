/**
 * Executable model of a deployed DMN resource: one decision requirements graph (DRG, the
 * `dmn:definitions`) with its decisions — decision tables and literal expressions — shaped after
 * what Zeebe's DMN engine evaluates. Expressions are kept as FEEL text (no leading `=`), as feelin
 * takes them; they were syntax-checked at deploy.
 */

/** Hit policies of a decision table (DMN 1.3, as written in `hitPolicy`). */
export type HitPolicy = 'UNIQUE' | 'FIRST' | 'PRIORITY' | 'ANY' | 'COLLECT' | 'RULE ORDER' | 'OUTPUT ORDER';

/** Aggregators of the COLLECT hit policy (`aggregation`). */
export type Aggregation = 'SUM' | 'MIN' | 'MAX' | 'COUNT';

/** The decision type names Zeebe puts in evaluated decisions. */
export type DecisionType = 'DECISION_TABLE' | 'LITERAL_EXPRESSION';

/** One input column: a FEEL expression whose value the rules' input entries test. */
export interface DecisionTableInput {
  readonly id: string;
  /** The label, else the expression text (what Zeebe reports as `inputName`). */
  readonly name: string;
  readonly expression: string;
}

/** One output column. */
export interface DecisionTableOutput {
  readonly id: string;
  /** The output name (the context key when the table has several outputs); else the label. */
  readonly name: string;
  /** The `outputValues` unary tests text (e.g. `"high","low"`), the order PRIORITY / OUTPUT ORDER use. */
  readonly outputValues?: string;
}

/** One rule: a unary test per input (`-` or empty matches anything), an expression per output. */
export interface DecisionRule {
  readonly id: string;
  /** 1-based position in the table, as Zeebe reports `ruleIndex`. */
  readonly index: number;
  readonly inputEntries: readonly string[];
  /** Output entry expressions; '' yields null. */
  readonly outputEntries: readonly string[];
}

/** A decision table. */
export interface DecisionTableLogic {
  readonly kind: 'table';
  readonly hitPolicy: HitPolicy;
  readonly aggregation?: Aggregation;
  readonly inputs: readonly DecisionTableInput[];
  readonly outputs: readonly DecisionTableOutput[];
  readonly rules: readonly DecisionRule[];
}

/** A literal expression decision. */
export interface LiteralExpressionLogic {
  readonly kind: 'literal';
  readonly expression: string;
}

/** One decision of a DRG. */
export interface ExecutableDecision {
  readonly id: string;
  readonly name: string;
  /** `zeebe:versionTag` of the decision, if any. */
  readonly versionTag?: string;
  /** Ids of the decisions this one requires (`informationRequirement/requiredDecision`), in model order. */
  readonly requiredDecisionIds: readonly string[];
  /** Name of the decision's `variable`, when declared (its result is then visible under that name too). */
  readonly variableName?: string;
  readonly logic: DecisionTableLogic | LiteralExpressionLogic;
}

/** A decision requirements graph (one `.dmn` resource). */
export interface ExecutableDrg {
  readonly id: string;
  readonly name: string;
  readonly namespace: string;
  /** Every decision, by id, in model order. */
  readonly decisions: ReadonlyMap<string, ExecutableDecision>;
}

/** A parsed `.dmn` resource. */
export interface ParsedDecisionResource {
  readonly kind: 'decision';
  readonly resourceName: string;
  /** Hex MD5 of the resource bytes (duplicate detection, like processes). */
  readonly checksum: string;
  readonly drg: ExecutableDrg;
}
