/**
 * PROCESS_INSTANCE_MIGRATION MIGRATE (MigrateProcessInstance): moves a running instance onto another
 * process definition by mapping each active element to one of the same type in the same flow scope,
 * with Zeebe 8.6/8.7's rules and rejection wording (migration/migration-plan.ts checks everything
 * before anything is written). Element instances keep their keys, variables, jobs and incidents;
 * event subscriptions follow the mapping of their catch events (migration/catch-events.ts). Records,
 * breadth-first per element instance: ELEMENT_MIGRATED, JOB MIGRATED, INCIDENT MIGRATED, VARIABLE
 * MIGRATED, then the catch events; finally PROCESS_INSTANCE_MIGRATION MIGRATED.
 */
import type { ProcessInstanceValue } from '../../protocol/record.ts';
import type { BpmnBehaviors } from '../bpmn/behavior/bpmn-behaviors.ts';
import { bpmnBehaviors } from '../bpmn/bpmn-context.ts';
import type { CommandProcessor } from '../command-processor.ts';
import { migrateCatchEvents } from './migration/catch-events.ts';
import { MigrationRejection } from './migration/errors.ts';
import { planMigration, type ElementMigration, type MigrationPlan } from './migration/migration-plan.ts';

/** Writes the migration of one element instance (Zeebe's tryMigrateElementInstance, after its checks). */
function migrateElement(bpmn: BpmnBehaviors, plan: MigrationPlan, { instance, targetElement, catchEvents }: ElementMigration): void {
  const { ctx } = bpmn;
  const { targetProcess } = plan;
  const definition = { bpmnProcessId: targetProcess.bpmnProcessId, processDefinitionKey: targetProcess.processDefinitionKey };
  const migrated: ProcessInstanceValue = { ...instance.value, ...definition, elementId: targetElement.id, version: targetProcess.version };
  ctx.event(instance.key, 'PROCESS_INSTANCE', 'ELEMENT_MIGRATED', migrated);
  const job = instance.jobKey > 0 ? ctx.state.jobs.get(instance.jobKey) : undefined;
  if (job) {
    ctx.event(job.key, 'JOB', 'MIGRATED', { ...job.value, ...definition, elementId: targetElement.id, processDefinitionVersion: targetProcess.version });
  }
  for (const incidentKey of [ctx.state.incidents.forElementInstance(instance.key), instance.jobKey > 0 ? ctx.state.incidents.forJob(instance.jobKey) : undefined]) {
    const incident = incidentKey === undefined ? undefined : ctx.state.incidents.get(incidentKey);
    if (incidentKey !== undefined && incident) ctx.event(incidentKey, 'INCIDENT', 'MIGRATED', { ...incident, ...definition, elementId: targetElement.id });
  }
  for (const [name, variable] of ctx.state.variables.local(instance.key) ?? []) {
    ctx.event(variable.key, 'VARIABLE', 'MIGRATED', {
      name,
      value: 'null',
      scopeKey: instance.key,
      processInstanceKey: instance.value.processInstanceKey,
      ...definition,
      tenantId: instance.value.tenantId,
    });
  }
  if (instance.state !== 'ELEMENT_ACTIVATING') migrateCatchEvents(bpmn, instance.key, migrated, targetElement, plan.target, plan.mapping, catchEvents);
}

export const migrateProcessInstanceProcessor: CommandProcessor<'PROCESS_INSTANCE_MIGRATION'> = (command, ctx) => {
  const bpmn = bpmnBehaviors(ctx);
  let plan: MigrationPlan;
  try {
    plan = planMigration(command.value, bpmn);
  } catch (error) {
    if (!(error instanceof MigrationRejection)) throw error;
    ctx.reject(error.rejectionType, error.message);
    return;
  }
  for (const element of plan.elements) migrateElement(bpmn, plan, element);
  ctx.event(plan.root.key, 'PROCESS_INSTANCE_MIGRATION', 'MIGRATED', { ...command.value, tenantId: plan.root.value.tenantId });
  ctx.respond({});
};
