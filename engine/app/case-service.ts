/**
 * The case service: organisation and access, deployments, cases, worklist and approval
 * operations, deadlines, tamper-evident history and job workers — wired from one function.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Router } from 'express';
import { ApiRouter } from './api/api-router.ts';
import { authRoutes } from './api/auth-routes.ts';
import { caseRoutes } from './api/case-routes.ts';
import { draftRoutes } from './api/draft-routes.ts';
import { eventRoutes } from './api/event-routes.ts';
import { orgRoutes } from './api/org-routes.ts';
import { processRoutes } from './api/process-routes.ts';
import { supervisionRoutes } from './api/supervision-routes.ts';
import { taskRoutes } from './api/task-routes.ts';
import { DEFAULT_AUTH_OPTIONS } from './auth/auth-options.ts';
import { SessionService } from './auth/session-service.ts';
import type { CaseServiceOptions } from './case-service-options.ts';
import { AppObserver, NO_OBSERVER } from './exporter/app-observer.ts';
import { BrokerRecordExporter } from './exporter/broker-record-exporter.ts';
import { RecordChainer } from './exporter/record-chainer.ts';
import { createModels, type Models } from './models/index.ts';
import { docsRoutes } from './openapi/docs-routes.ts';
import { deployBundledProcesses } from './seed/bundled-processes.ts';
import { seedDatabase } from './seed/seed.ts';
import { loadSeedData } from './seed/seed-data.ts';
import { HistoryService } from './services/audit/history-service.ts';
import { CaseManager } from './services/cases/case-manager.ts';
import { DeploymentService } from './services/deployments/deployment-service.ts';
import { EventBus } from './services/events/event-bus.ts';
import { DEFAULT_UPLOAD_LIMITS, FileStore } from './services/files/file-store.ts';
import { NotificationService } from './services/notifications/notification-service.ts';
import type { ServiceContext } from './services/service-context.ts';
import { SlaService } from './services/sla/sla-service.ts';
import { TimeoutSweeper } from './services/sla/timeout-sweeper.ts';
import { TaskProjector } from './services/worklist/task-projector.ts';
import { startServiceWorkers } from './workers/index.ts';
import { JobKeepAlive } from './workers/job-keep-alive.ts';
import { JobTimeoutClient } from './workers/job-timeout-client.ts';
import { createUserTaskWorker } from './workers/user-task-worker.ts';
import { DEFAULT_WORKER_OPTIONS } from './workers/worker-options.ts';

export type { CaseServiceOptions } from './case-service-options.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** A started case service. */
export interface CaseService {
  /** Mount under /api (createApp({ apiRouters })). */
  routers: Router[];
  ctx: ServiceContext;
  models: Models;
  /** Present with the embedded broker. */
  exporter: BrokerRecordExporter | undefined;
  sweeper: TimeoutSweeper;
  keepAlive: JobKeepAlive;
  /** Stops workers, loops and live streams (not the connections it was given). */
  stop(): Promise<void>;
}

/** Builds models, seeds, deploys the bundled processes, starts exporter, workers and loops, and returns the routers. */
export async function startCaseService(opts: CaseServiceOptions): Promise<CaseService> {
  const logger = opts.logger.child({ module: 'case-service' });
  const processesDir = opts.processesDir ?? path.join(repoRoot, 'processes');
  const workerOpts = { ...DEFAULT_WORKER_OPTIONS, ...opts.workers };
  const authOpts = { ...DEFAULT_AUTH_OPTIONS, ...opts.auth };

  const models = await createModels(opts.mongo);
  if (opts.seed ?? true) {
    const report = await seedDatabase(models, await loadSeedData(opts.seedDir ?? path.join(processesDir, 'seed')), authOpts.bcryptRounds);
    logger.info(report, 'seed data in place');
  }

  const bus = new EventBus();
  const history = new HistoryService(models);
  const notifications = new NotificationService(models, bus);
  const sla = new SlaService(models, logger);
  await sla.reload();
  const embedded = opts.broker !== undefined;
  const observer = embedded ? NO_OBSERVER : new AppObserver(history);
  const files = new FileStore(opts.mongo);
  const deployments = new DeploymentService(models, opts.zeebe);
  const cases = new CaseManager(models, opts.zeebe, history, bus, logger, opts.caseNumberPrefix ?? '桐城', observer);
  const ctx: ServiceContext = {
    models,
    zeebe: opts.zeebe,
    history,
    bus,
    notifications,
    sla,
    logger,
    sessions: new SessionService(models, authOpts),
    deployments,
    cases,
    files,
    uploadLimits: { ...DEFAULT_UPLOAD_LIMITS, ...opts.upload },
    recordSource: embedded ? 'broker-exporter' : 'app-observed',
  };

  // History first: the exporter must be running before anything creates records worth keeping.
  const chainer = new RecordChainer(models, history, bus, logger);
  cases.onInstanceLinked = async (key) => {
    await chainer.chainInstance(key);
  };
  let exporter: BrokerRecordExporter | undefined;
  if (opts.broker) {
    exporter = new BrokerRecordExporter(opts.broker.exporter, models, chainer, logger);
    await chainer.chainAllPending();
    exporter.start();
  }

  if (opts.deployBundled ?? true) {
    const deployed = await deployBundledProcesses(models, deployments, processesDir, logger);
    if (deployed.length > 0) logger.info({ deployed }, 'bundled processes deployed');
  }

  const projector = new TaskProjector(models, sla, bus, notifications, logger, observer);
  const userTaskWorker = createUserTaskWorker(opts.zeebe, projector, logger, workerOpts);
  const stopServiceWorkers = startServiceWorkers(opts.zeebe, models, logger, workerOpts, { models, files, notifications, history, sla, bus, logger, issuer: opts.issuer ?? '福鼎市桐城街道办事处' }, observer);
  const timeoutClient = new JobTimeoutClient(opts.zeebeAddress);
  const keepAlive = new JobKeepAlive(models, timeoutClient, bus, logger, workerOpts);
  keepAlive.start();
  void keepAlive.tick().catch((err: unknown) => logger.warn({ err }, 'first keep-alive pass failed'));
  const sweeper = new TimeoutSweeper(ctx, opts.sweepIntervalMs ?? 60_000);
  sweeper.start();

  const api = new ApiRouter(ctx.sessions);
  authRoutes(api, ctx);
  orgRoutes(api, ctx);
  processRoutes(api, ctx);
  draftRoutes(api, ctx);
  caseRoutes(api, ctx);
  taskRoutes(api, ctx);
  supervisionRoutes(api, ctx);
  eventRoutes(api, ctx);
  const docs = docsRoutes(api.specs, '0.1.0');

  let stopping: Promise<void> | undefined;
  return {
    routers: [docs, api.router],
    ctx,
    models,
    exporter,
    sweeper,
    keepAlive,
    stop() {
      stopping ??= (async () => {
        bus.closeAll();
        keepAlive.stop();
        await sweeper.stop();
        await userTaskWorker.close(2000).catch(() => undefined);
        await stopServiceWorkers();
        timeoutClient.close();
        await exporter?.stop();
      })();
      return stopping;
    },
  };
}
