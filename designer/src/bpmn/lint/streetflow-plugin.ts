import StaticResolver from 'bpmnlint/lib/resolver/static-resolver';
import startEventRequired from 'bpmnlint/rules/start-event-required';
import endEventRequired from 'bpmnlint/rules/end-event-required';
import noDisconnected from 'bpmnlint/rules/no-disconnected';
import type { LintPlugin } from '@camunda/linting';
import { STREETFLOW_RULES, STREETFLOW_RULE_LEVELS } from './streetflow-rules.ts';

/**
 * The @camunda/linting plugin with Streetflow's rules (`streetflow/*`) and three bpmnlint rules the
 * Camunda config leaves out but a street office needs (start/end event required, nothing disconnected).
 */
export function streetflowLintPlugin(): LintPlugin {
  const rules: Record<string, string> = {
    'bpmnlint/start-event-required': 'error',
    'bpmnlint/end-event-required': 'error',
    'bpmnlint/no-disconnected': 'error',
    // Streetflow's worklist runs user tasks as io.camunda.zeebe:userTask jobs on purpose (case service);
    // Camunda 8.6's advice to migrate them to Camunda user tasks does not apply here
    'camunda-compat/zeebe-user-task': 'off',
  };
  const cache: Record<string, unknown> = {
    'rule:bpmnlint/start-event-required': startEventRequired,
    'rule:bpmnlint/end-event-required': endEventRequired,
    'rule:bpmnlint/no-disconnected': noDisconnected,
  };
  for (const [name, factory] of Object.entries(STREETFLOW_RULES)) {
    rules[`streetflow/${name}`] = STREETFLOW_RULE_LEVELS[name] ?? 'error';
    cache[`rule:bpmnlint-plugin-streetflow/${name}`] = factory;
  }
  return { config: { rules }, resolver: new StaticResolver(cache) };
}
