import type { SessionService } from '../auth/session-service.ts';
import type { ApprovalDeps } from './approvals/approval-deps.ts';
import type { CaseManager } from './cases/case-manager.ts';
import type { DeploymentService } from './deployments/deployment-service.ts';
import type { FileStore, UploadLimits } from './files/file-store.ts';

/** Everything the API routes use. */
export interface ServiceContext extends ApprovalDeps {
  sessions: SessionService;
  deployments: DeploymentService;
  cases: CaseManager;
  files: FileStore;
  uploadLimits: UploadLimits;
  /** Where case history records come from: the embedded broker's exporter, or what the app observed. */
  recordSource: 'broker-exporter' | 'app-observed';
}
