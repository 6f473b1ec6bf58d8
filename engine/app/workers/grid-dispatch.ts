import { BusinessError } from './errors.ts';
import type { ServiceHandler } from './service-worker.ts';
import type { WorkerDeps } from './worker-deps.ts';

export const GRID_DISPATCH = 'grid-dispatch';

/** Which office handles which grid-event category (分类派单); part of the seed data. */
export const GRID_CATEGORY_OFFICES: Readonly<Record<string, string>> = {
  市容环境: 'zhxcdd',
  违章搭建: 'cg',
  占道经营: 'zhxcdd',
  环境卫生: 'qyfzb',
  安全隐患: 'shzlb',
  矛盾纠纷: 'shzlb',
  公共设施: 'ggfwb',
  民生服务: 'ggfwb',
};

/** 派单: picks the office for the event's category; its candidate group handles the next step. */
export const gridDispatch = (d: WorkerDeps): ServiceHandler => async (job) => {
  const category = String(job.variables.category ?? '');
  const code = GRID_CATEGORY_OFFICES[category];
  if (!code) throw new BusinessError('UNKNOWN_CATEGORY', `grid event category "${category}" has no responsible office (known: ${Object.keys(GRID_CATEGORY_OFFICES).join('、')})`);
  const office = await d.models.Office.findOne({ code }).lean();
  if (!office) throw new BusinessError('UNKNOWN_CATEGORY', `office ${code} for category ${category} is not in the organisation`);
  await d.notifications.enqueue({ key: `dispatch:${job.key}`, to: office.groupId, kind: 'dispatch', caseId: typeof job.variables.caseId === 'string' ? job.variables.caseId : null, taskId: null, message: `网格事件派单：${category}（${String(job.variables.caseNumber ?? '')}）` });
  return { handlingGroup: office.groupId, handlingOffice: office.name, dispatchedAt: new Date().toISOString() };
};
