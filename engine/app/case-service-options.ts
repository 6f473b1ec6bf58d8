import type { Connection } from 'mongoose';
import type { ZBClient } from 'zeebe-node';
import type { BrokerExporter } from '../broker/index.ts';
import type { AuthOptions } from './auth/auth-options.ts';
import type { Config } from './config/config.ts';
import type { Logger } from './logger.ts';
import type { UploadLimits } from './services/files/file-store.ts';
import type { WorkerOptions } from './workers/worker-options.ts';

/** What {@link startCaseService} needs; everything after `mongo` has a default. */
export interface CaseServiceOptions {
  config: Config;
  logger: Logger;
  zeebe: ZBClient;
  /** host:port of the gateway (for UpdateJobTimeout). */
  zeebeAddress: string;
  mongo: Connection;
  /** The embedded broker (its exporter feeds case history); absent with an external Zeebe. */
  broker?: { exporter: BrokerExporter } | undefined;
  /** Folder with the bundled .bpmn/.form files (default: <repo>/processes). */
  processesDir?: string;
  /** Folder with the seed JSON (default: <processesDir>/seed). */
  seedDir?: string;
  seed?: boolean;
  deployBundled?: boolean;
  auth?: Partial<AuthOptions>;
  workers?: Partial<WorkerOptions>;
  upload?: Partial<UploadLimits>;
  /** How often deadlines are re-evaluated and timeout policies applied. */
  sweepIntervalMs?: number;
  /** Case-number prefix: 桐城 → 桐城-2026-000123. */
  caseNumberPrefix?: string;
  /** 发证机关 printed on permits. */
  issuer?: string;
}
