import type { ParsedResource, ResourceProblem } from './types.ts';

/**
 * Checks across the resources of one deployment, after each parsed on its own: a process id or
 * form id defined twice, user tasks that bind a form and call activities that bind a process with
 * `bindingType="deployment"` that is not part of the deployment. Returns the problems (empty when the deployment is consistent).
 */
export function validateDeployment(resources: readonly ParsedResource[]): ResourceProblem[] {
  const problems: ResourceProblem[] = [];
  const processOwners = new Map<string, string>();
  const formOwners = new Map<string, string>();
  for (const resource of resources) {
    if (resource.kind === 'process') {
      for (const process of resource.processes) {
        const previous = processOwners.get(process.bpmnProcessId);
        if (previous === undefined) processOwners.set(process.bpmnProcessId, resource.resourceName);
        else {
          problems.push({
            resourceName: resource.resourceName,
            deploymentWide: true,
            message: `Duplicated process id in resources '${previous}' and '${resource.resourceName}'`,
          });
        }
      }
    } else if (resource.kind === 'form') {
      const previous = formOwners.get(resource.formId);
      if (previous === undefined) formOwners.set(resource.formId, resource.resourceName);
      else {
        problems.push({
          resourceName: resource.resourceName,
          deploymentWide: true,
          message:
            `Expected the form ids to be unique within a deployment but found a duplicated id '${resource.formId}' ` +
            `in the resources '${previous}' and '${resource.resourceName}'.`,
        });
      }
    }
  }
  const decisionIds = new Set(resources.flatMap((resource) => (resource.kind === 'decision' ? [...resource.drg.decisions.keys()] : [])));
  for (const resource of resources) {
    if (resource.kind !== 'process') continue;
    for (const process of resource.processes) {
      for (const element of process.elements.values()) {
        const called = element.calledElement;
        if (called?.bindingType === 'deployment' && !processOwners.has(called.processId.source)) {
          problems.push({
            resourceName: resource.resourceName,
            elementId: element.id,
            message: `Expected to find process with id '${called.processId.source}' in current deployment, but not found.`,
          });
        }
        const decision = element.calledDecision;
        if (decision?.bindingType === 'deployment' && decision.decisionId.kind === 'static' && !decisionIds.has(decision.decisionId.value)) {
          problems.push({
            resourceName: resource.resourceName,
            elementId: element.id,
            message: `Expected to find decision with id '${decision.decisionId.value}' in current deployment, but not found.`,
          });
        }
        const formId = element.userTask?.formId;
        if (formId === undefined || element.userTask?.formBindingType !== 'deployment' || formOwners.has(formId)) continue;
        problems.push({
          resourceName: resource.resourceName,
          elementId: element.id,
          message: `Expected to find form with id '${formId}' in current deployment, but not found.`,
        });
      }
    }
  }
  return problems;
}
