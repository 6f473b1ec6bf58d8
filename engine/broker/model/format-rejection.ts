import type { ResourceProblem } from './types.ts';

/** Zeebe's prefix for a rejected deployment command as clients see it. */
export const DEPLOYMENT_REJECTION_PREFIX = "Command 'CREATE' rejected with code 'INVALID_ARGUMENT': ";

/**
 * Formats the problems of one resource like Zeebe's validation output: problems without an
 * element first, then per element `- Element: <id>` with one `    - ERROR: <message>` line each.
 */
export function formatResourceProblems(problems: readonly ResourceProblem[]): string {
  const general = problems.filter((problem) => problem.elementId === undefined).map((problem) => problem.message);
  const byElement = new Map<string, string[]>();
  for (const problem of problems) {
    if (problem.elementId === undefined) continue;
    byElement.set(problem.elementId, [...(byElement.get(problem.elementId) ?? []), problem.message]);
  }
  const elementBlocks = [...byElement].map(
    ([elementId, messages]) => `- Element: ${elementId}\n${messages.map((message) => `    - ERROR: ${message}`).join('\n')}`,
  );
  return [...general, ...elementBlocks].join('\n');
}

/**
 * The rejection reason of a deployment (without the command prefix), listing every resource's
 * problems: "Expected to deploy new resources, but encountered the following errors:\n'a.bpmn': …".
 */
export function formatRejectionReason(problems: readonly ResourceProblem[]): string {
  const byResource = new Map<string, ResourceProblem[]>();
  const wide: string[] = [];
  for (const problem of problems) {
    if (problem.deploymentWide) wide.push(problem.message);
    else byResource.set(problem.resourceName, [...(byResource.get(problem.resourceName) ?? []), problem]);
  }
  const sections = [
    ...[...byResource].map(([resourceName, list]) => `'${resourceName}': ${formatResourceProblems(list)}`),
    ...wide,
  ];
  return `Expected to deploy new resources, but encountered the following errors:\n${sections.join('\n')}`;
}

/** The full message a client sees: the rejection prefix plus {@link formatRejectionReason}. */
export function formatDeploymentRejection(problems: readonly ResourceProblem[]): string {
  return `${DEPLOYMENT_REJECTION_PREFIX}${formatRejectionReason(problems)}`;
}
