/**
 * Turns the dmn-moddle tree of one `.dmn` resource into an {@link ExecutableDrg}, collecting every
 * problem with the id of the decision (or element) it belongs to: an unsupported decision logic, an
 * unknown hit policy or aggregation, FEEL that does not parse (input expression, input entry, output
 * entry, literal expression), rules whose entries do not fit the columns, a required decision that
 * is not in the DRG, and cyclic requirements.
 */
import { elementList, elementProp, stringProp } from '../bpmn/moddle-element.ts';
import type { ModdleElement } from '../bpmn/moddle-element.ts';
import { checkExpressionSyntax, checkUnaryTestsSyntax } from './check-feel.ts';
import type {
  Aggregation,
  DecisionRule,
  DecisionTableInput,
  DecisionTableLogic,
  DecisionTableOutput,
  ExecutableDecision,
  ExecutableDrg,
  HitPolicy,
  LiteralExpressionLogic,
} from './dmn-types.ts';

/** Receives a problem of the element with the given id. */
export type DmnReport = (elementId: string | undefined, message: string) => void;

const HIT_POLICIES: readonly HitPolicy[] = ['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER', 'OUTPUT ORDER'];
const AGGREGATIONS: readonly Aggregation[] = ['SUM', 'MIN', 'MAX', 'COUNT'];

/** The `text` of an expression element (`inputExpression`, `inputEntry`, `literalExpression` …). */
function textOf(element: ModdleElement | undefined): string {
  if (!element) return '';
  return (stringProp(element, 'text') ?? '').trim();
}

/** Transforms the definitions; returns the DRG (meaningful only when nothing was reported). */
export function transformDrg(definitions: ModdleElement, report: DmnReport): ExecutableDrg {
  const drgId = definitions.id ?? '';
  if (drgId === '') report(undefined, "Expected the DMN <definitions> to have an 'id' (the decision requirements id), but it has none");
  const decisionNodes = elementList(definitions, 'drgElement').filter((element) => element.$type === 'dmn:Decision');
  if (decisionNodes.length === 0) report(drgId || undefined, 'Expected the decision requirements graph to contain at least one decision, but found none');
  const decisions = new Map<string, ExecutableDecision>();
  for (const node of decisionNodes) {
    const decision = transformDecision(node, report);
    if (decision) decisions.set(decision.id, decision);
  }
  checkRequirements(decisions, report);
  return {
    id: drgId,
    name: definitions.name ?? drgId,
    namespace: stringProp(definitions, 'namespace') ?? '',
    decisions,
  };
}

function transformDecision(node: ModdleElement, report: DmnReport): ExecutableDecision | undefined {
  const id = node.id ?? '';
  if (id === '') {
    report(undefined, `Expected every decision to have an id, but decision '${node.name ?? ''}' has none`);
    return undefined;
  }
  const at = (message: string) => report(id, message);
  const logicNode = elementProp(node, 'decisionLogic');
  let logic: DecisionTableLogic | LiteralExpressionLogic | undefined;
  if (logicNode?.$type === 'dmn:DecisionTable') logic = transformTable(logicNode, at);
  else if (logicNode?.$type === 'dmn:LiteralExpression') logic = transformLiteral(logicNode, at);
  else {
    const found = logicNode ? logicNode.$type.replace(/^dmn:/, '') : 'none';
    at(`Expected decision '${id}' to be a decision table or a literal expression, but found '${found}'`);
  }
  const requiredDecisionIds = elementList(node, 'informationRequirement')
    .map((requirement) => elementProp(requirement, 'requiredDecision'))
    .filter((reference): reference is ModdleElement => reference !== undefined)
    .map((reference) => (stringProp(reference, 'href') ?? '').replace(/^#/, ''));
  const variable = elementProp(node, 'variable');
  const variableName = variable ? stringProp(variable, 'name') : undefined;
  if (!logic) return undefined;
  return {
    id,
    name: node.name ?? id,
    versionTag: readVersionTag(node),
    requiredDecisionIds,
    variableName: variableName === '' ? undefined : variableName,
    logic,
  };
}

/** `<zeebe:versionTag value="…"/>` among the decision's extension elements. */
function readVersionTag(node: ModdleElement): string | undefined {
  const container = elementProp(node, 'extensionElements');
  const values = container ? (container.values as unknown[] | undefined) ?? [] : [];
  for (const value of values) {
    const element = value as { $type?: string; value?: unknown; $attrs?: Record<string, string> };
    if (element.$type?.toLowerCase() !== 'zeebe:versiontag') continue;
    const tag = typeof element.value === 'string' ? element.value : element.$attrs?.value;
    if (tag) return tag;
  }
  return undefined;
}

function transformLiteral(node: ModdleElement, at: (message: string) => void): LiteralExpressionLogic {
  const expression = textOf(node);
  const problem = checkExpressionSyntax(expression);
  if (problem) at(`Literal expression: ${problem}`);
  return { kind: 'literal', expression };
}

function transformTable(node: ModdleElement, at: (message: string) => void): DecisionTableLogic {
  const tableId = node.id ?? '';
  const rawPolicy = (stringProp(node, 'hitPolicy') ?? 'UNIQUE').trim().toUpperCase();
  const hitPolicy = HIT_POLICIES.find((policy) => policy === rawPolicy);
  if (!hitPolicy) at(`Unknown hit policy '${rawPolicy}' of decision table '${tableId}'; expected one of ${HIT_POLICIES.join(', ')}`);
  const rawAggregation = stringProp(node, 'aggregation')?.trim().toUpperCase();
  const aggregation = rawAggregation ? AGGREGATIONS.find((candidate) => candidate === rawAggregation) : undefined;
  if (rawAggregation && !aggregation) at(`Unknown aggregation '${rawAggregation}' of decision table '${tableId}'; expected one of ${AGGREGATIONS.join(', ')}`);
  if (rawAggregation && hitPolicy && hitPolicy !== 'COLLECT') {
    at(`Aggregation '${rawAggregation}' of decision table '${tableId}' is only allowed with the COLLECT hit policy, but the hit policy is '${hitPolicy}'`);
  }
  const inputs = elementList(node, 'input').map((input, index): DecisionTableInput => {
    const expression = textOf(elementProp(input, 'inputExpression'));
    const id = input.id ?? `input${index + 1}`;
    const problem = expression === '' ? 'the expression is empty' : checkExpressionSyntax(expression);
    if (problem) at(`Input '${id}' expression: ${problem}`);
    const label = stringProp(input, 'label');
    return { id, name: label && label !== '' ? label : expression, expression };
  });
  const outputs = elementList(node, 'output').map((output, index): DecisionTableOutput => {
    const id = output.id ?? `output${index + 1}`;
    const name = stringProp(output, 'name') || stringProp(output, 'label') || '';
    const outputValuesText = textOf(elementProp(output, 'outputValues'));
    if (outputValuesText !== '') {
      const problem = checkUnaryTestsSyntax(outputValuesText);
      if (problem) at(`Output '${id}' output values: ${problem}`);
    }
    return { id, name, outputValues: outputValuesText === '' ? undefined : outputValuesText };
  });
  if (outputs.length === 0) at(`Expected decision table '${tableId}' to have at least one output, but found none`);
  if (outputs.length > 1) {
    for (const output of outputs) if (output.name === '') at(`Output '${output.id}' needs a name: a decision table with several outputs returns a context keyed by output names`);
    if (aggregation) at(`Aggregation '${aggregation}' of decision table '${tableId}' needs exactly one output, but the table has ${outputs.length}`);
  }
  const rules = elementList(node, 'rule').map((rule, index) => transformRule(rule, index, inputs.length, outputs.length, at));
  return { kind: 'table', hitPolicy: hitPolicy ?? 'UNIQUE', aggregation, inputs, outputs, rules };
}

function transformRule(rule: ModdleElement, index: number, inputCount: number, outputCount: number, at: (message: string) => void): DecisionRule {
  const id = rule.id ?? `rule${index + 1}`;
  const inputEntries = elementList(rule, 'inputEntry').map(textOf);
  const outputEntries = elementList(rule, 'outputEntry').map(textOf);
  if (inputEntries.length !== inputCount) at(`Rule '${id}' has ${inputEntries.length} input entries, but the table has ${inputCount} inputs`);
  if (outputEntries.length !== outputCount) at(`Rule '${id}' has ${outputEntries.length} output entries, but the table has ${outputCount} outputs`);
  inputEntries.forEach((entry, column) => {
    const problem = checkUnaryTestsSyntax(entry);
    if (problem) at(`Rule '${id}' input entry ${column + 1}: ${problem}`);
  });
  outputEntries.forEach((entry, column) => {
    const problem = entry === '' ? undefined : checkExpressionSyntax(entry);
    if (problem) at(`Rule '${id}' output entry ${column + 1}: ${problem}`);
  });
  return { id, index: index + 1, inputEntries, outputEntries };
}

/** Every required decision exists in the DRG; no decision requires itself through a cycle. */
function checkRequirements(decisions: ReadonlyMap<string, ExecutableDecision>, report: DmnReport): void {
  for (const decision of decisions.values()) {
    for (const required of decision.requiredDecisionIds) {
      if (!decisions.has(required)) {
        report(decision.id, `Missing required decision '${required}' of decision '${decision.id}': no decision with that id in the decision requirements graph`);
      }
    }
  }
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      report(id, `Decision '${id}' requires itself: ${[...path.slice(path.indexOf(id)), id].join(' -> ')}`);
      return;
    }
    state.set(id, 'visiting');
    for (const required of decisions.get(id)?.requiredDecisionIds ?? []) if (decisions.has(required)) visit(required, [...path, id]);
    state.set(id, 'done');
  };
  for (const id of decisions.keys()) visit(id, []);
}
