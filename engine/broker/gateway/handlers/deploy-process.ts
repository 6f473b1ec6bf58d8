/** DeployProcess (deprecated, used by zeebe-node's deployProcess): DeployResource for BPMN only. */
import type { UnaryHandler } from '../gateway-context.ts';
import { deploy } from './deploy-resource.ts';

interface DeployProcessRequest {
  processes: { name: string; definition: Buffer }[];
}

export const deployProcess: UnaryHandler<DeployProcessRequest> = async (request, ctx) => {
  const result = await deploy(
    request.processes.map((p) => ({ name: p.name, content: p.definition })),
    '',
    ctx,
  );
  return {
    key: result.key,
    processes: result.deployments.filter((d) => d.process).map((d) => d.process),
  };
};
