/**
 * Composition root: starts exactly the servers the configuration asks for (embedded broker and
 * document store only when no address is configured), wires the application, and shuts everything
 * down gracefully on SIGINT/SIGTERM.
 */
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Config } from './config/config.ts';
import { createLogger } from './logger.ts';
import { Shutdown } from './shutdown.ts';
import { startEmbeddedServers, EmbeddedServerError } from './infra/embedded.ts';
import { createZeebeClient, zeebeReadiness } from './infra/zeebe.ts';
import { connectMongo, mongoReadiness } from './infra/mongo.ts';
import { createApp } from './http/create-app.ts';
import { listen } from './http/http-server.ts';
import { startCaseService } from './case-service.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Starts Streetflow; on failure logs a clear message (no stack trace for known causes) and exits 1. */
export async function start(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const shutdown = new Shutdown(logger);
  shutdown.installSignalHandlers();
  mkdirSync(config.dataDir, { recursive: true });

  try {
    const endpoints = await startEmbeddedServers(config, logger, shutdown);
    const mongo = await connectMongo(endpoints.mongodbUri);
    shutdown.add('mongodb connection', () => mongo.close());
    const zeebe = createZeebeClient(endpoints.zeebeAddress);
    shutdown.add('zeebe client', async () => {
      await zeebe.close();
    });

    const caseService = await startCaseService({ config, logger, zeebe, zeebeAddress: endpoints.zeebeAddress, mongo, broker: endpoints.broker });
    shutdown.add('case service', () => caseService.stop());

    const app = createApp({
      logger,
      readiness: [zeebeReadiness(zeebe, endpoints.zeebeAddress), mongoReadiness(mongo, endpoints.mongodbUri)],
      isShuttingDown: () => shutdown.started,
      designerDir: path.join(root, 'designer/dist'),
      apiRouters: caseService.routers,
    });
    const http = await listen(app, config.port, config.host);
    shutdown.add('http server', () => http.close());
    // Runs before the server closes: open SSE streams would otherwise hold it until the grace period ends.
    shutdown.add('live update streams', async () => caseService.ctx.bus.closeAll());
    const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
    logger.info({ port: http.port }, 'streetflow ready');
    process.stdout.write(`\nStreetflow is running: open http://${shown}:${http.port}/\n\n`);
  } catch (err) {
    if (err instanceof EmbeddedServerError) {
      logger.fatal(err.message);
      process.stderr.write(`streetflow: ${err.message}\n`);
    } else {
      logger.fatal({ err }, 'start failed');
      process.stderr.write(`streetflow: start failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    await shutdown.run('start failed');
    process.exit(1);
  }
}
