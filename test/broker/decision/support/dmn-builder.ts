/** Small DMN 1.3 text builders for decision tests: each spec writes its decisions next to the test. */

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A decision table column of inputs. */
export interface TableInput {
  readonly id: string;
  readonly expression: string;
  readonly label?: string;
}

/** A decision table output column. */
export interface TableOutput {
  readonly id: string;
  readonly name: string;
  /** outputValues unary tests text, e.g. `"high","low"` (priorities). */
  readonly values?: string;
}

/** A rule: input entries and output entries. */
export interface TableRule {
  readonly id: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

/** Options of a decision table decision. */
export interface TableOptions {
  readonly name?: string;
  readonly hitPolicy?: string;
  readonly aggregation?: string;
  readonly inputs: readonly TableInput[];
  readonly outputs: readonly TableOutput[];
  readonly rules: readonly TableRule[];
  readonly requires?: readonly string[];
  readonly versionTag?: string;
}

function requirements(owner: string, requires: readonly string[] = []): string {
  return requires.map((id) => `<informationRequirement id="req-${owner}-${id}"><requiredDecision href="#${id}" /></informationRequirement>`).join('');
}

function versionTag(tag?: string): string {
  return tag ? `<extensionElements><zeebe:versionTag value="${tag}" /></extensionElements>` : '';
}

/** A decision table decision. */
export function tableDecision(id: string, options: TableOptions): string {
  const policy = options.hitPolicy ? ` hitPolicy="${options.hitPolicy}"` : '';
  const aggregation = options.aggregation ? ` aggregation="${options.aggregation}"` : '';
  const inputs = options.inputs
    .map((input) => `<input id="${input.id}"${input.label ? ` label="${input.label}"` : ''}><inputExpression id="${input.id}-expr"><text>${escape(input.expression)}</text></inputExpression></input>`)
    .join('');
  const outputs = options.outputs
    .map((output) => `<output id="${output.id}" name="${output.name}">${output.values ? `<outputValues><text>${escape(output.values)}</text></outputValues>` : ''}</output>`)
    .join('');
  const rules = options.rules
    .map(
      (rule) =>
        `<rule id="${rule.id}">${rule.inputs.map((entry, i) => `<inputEntry id="${rule.id}-i${i}"><text>${escape(entry)}</text></inputEntry>`).join('')}${rule.outputs
          .map((entry, i) => `<outputEntry id="${rule.id}-o${i}"><text>${escape(entry)}</text></outputEntry>`)
          .join('')}</rule>`,
    )
    .join('');
  return `<decision id="${id}" name="${options.name ?? id}">${versionTag(options.versionTag)}${requirements(id, options.requires)}<decisionTable id="${id}-table"${policy}${aggregation}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

/** A literal expression decision. */
export function literalDecision(id: string, expression: string, options: { requires?: readonly string[]; variable?: string; versionTag?: string } = {}): string {
  const variable = options.variable ? `<variable id="${id}-var" name="${options.variable}" />` : '';
  return `<decision id="${id}" name="${id}">${versionTag(options.versionTag)}${requirements(id, options.requires)}${variable}<literalExpression id="${id}-expr"><text>${escape(expression)}</text></literalExpression></decision>`;
}

/** A DMN definitions document (one DRG) with the decisions. */
export function dmnXml(drgId: string, decisions: readonly string[], name = drgId): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="${drgId}" name="${name}" namespace="http://streetflow.local/dmn">
${decisions.join('\n')}
</definitions>`;
}

/** A business rule task calling a decision (`zeebe:calledDecision`). */
export function businessRuleTask(id: string, decisionId: string, resultVariable: string, options: { bindingType?: string; versionTag?: string; extensions?: string } = {}): string {
  const binding = options.bindingType ? ` bindingType="${options.bindingType}"` : '';
  const tag = options.versionTag ? ` versionTag="${options.versionTag}"` : '';
  return `<bpmn:businessRuleTask id="${id}"><bpmn:extensionElements><zeebe:calledDecision decisionId="${escape(decisionId).replace(/"/g, '&quot;')}" resultVariable="${resultVariable}"${binding}${tag} />${options.extensions ?? ''}</bpmn:extensionElements></bpmn:businessRuleTask>`;
}
