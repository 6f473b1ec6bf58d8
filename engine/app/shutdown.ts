import type { Logger } from './logger.ts';

/** One step of shutdown; steps run in the reverse order of registration. */
export interface ShutdownStep {
  name: string;
  run(): Promise<void>;
}

/** Collects what must be closed and closes it once, in reverse start order. */
export class Shutdown {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<void> | undefined;

  constructor(private readonly logger: Logger) {}

  /** True once shutdown began: /readyz reports not ready and no new work is taken. */
  get started(): boolean {
    return this.running !== undefined;
  }

  add(name: string, run: () => Promise<void>): void {
    this.steps.push({ name, run });
  }

  /** Runs every step (errors are logged, not thrown) and resolves when all are done. */
  run(reason: string): Promise<void> {
    if (!this.running) {
      this.running = (async () => {
        this.logger.info({ reason }, 'shutting down');
        for (const step of [...this.steps].reverse()) {
          try {
            await step.run();
            this.logger.info({ step: step.name }, 'closed');
          } catch (err) {
            this.logger.error({ err, step: step.name }, 'error while closing');
          }
        }
        this.logger.info('shutdown complete');
      })();
    }
    return this.running;
  }

  /**
   * Runs shutdown on SIGINT/SIGTERM and exits 0 when done. A repeated signal within `graceMs` is
   * ignored (npm and tsx relay the terminal's Ctrl-C, so one keypress can arrive twice); a later
   * one forces exit 1.
   */
  installSignalHandlers(exit: (code: number) => void = (c) => process.exit(c), graceMs = 5000): void {
    let firstAt = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      if (this.started) {
        if (Date.now() - firstAt < graceMs) {
          this.logger.debug({ signal }, 'repeated signal while shutting down; ignored');
          return;
        }
        this.logger.warn({ signal }, 'second signal, exiting now');
        exit(1);
        return;
      }
      firstAt = Date.now();
      void this.run(signal).then(() => exit(0));
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
}
