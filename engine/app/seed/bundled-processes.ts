import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.ts';
import type { Models } from '../models/index.ts';
import type { DeploymentService } from '../services/deployments/deployment-service.ts';

/** Who is recorded as deploying the processes shipped in processes/. */
export const BUNDLED_DEPLOYER = 'system:bundled';

/**
 * Deploys the .bpmn/.form files in `dir` whose process is not deployed yet (so a fresh install
 * can file cases at once). Already deployed processes are left to their owners.
 */
export async function deployBundledProcesses(models: Models, deployments: DeploymentService, dir: string, logger: Logger): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.bpmn') || n.endsWith('.form')).sort();
  const forms = await Promise.all(names.filter((n) => n.endsWith('.form')).map(async (name) => ({ name, content: await readFile(path.join(dir, name), 'utf8') })));
  const deployed: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.bpmn'))) {
    const content = await readFile(path.join(dir, name), 'utf8');
    const id = /<bpmn2?:process[^>]*\bid="([^"]+)"/.exec(content)?.[1];
    if (!id || (await models.ProcessVersion.exists({ bpmnProcessId: id }))) continue;
    const linked = forms.filter((f) => content.includes(`formId="${f.name.replace(/\.form$/, '')}"`) || content.includes(`formId="${(JSON.parse(f.content) as { id?: string }).id ?? ''}"`));
    try {
      await deployments.deploy([...linked, { name, content }], '初始版本（随系统安装）', BUNDLED_DEPLOYER);
      deployed.push(id);
    } catch (err) {
      logger.error({ err, file: name }, 'bundled process could not be deployed');
    }
  }
  return deployed;
}
