import { EventEmitter } from 'node:events';

/** A live update for open worklists and case pages. */
export interface LiveEvent {
  type: 'task.created' | 'task.updated' | 'task.completed' | 'task.canceled' | 'case.updated' | 'notification';
  caseId: string | null;
  taskId?: string;
  /** Who may see it: candidate groups and usernames; empty = everyone logged in who can see the case. */
  groups: string[];
  users: string[];
  data: Record<string, unknown>;
}

/** In-process publish/subscribe of {@link LiveEvent}s (SSE reads from here). */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(1000);
  }

  publish(e: LiveEvent): void {
    this.emitter.emit('event', e);
  }

  /** Ends every live stream (at shutdown, so open SSE connections do not hold the server). */
  closeAll(): void {
    this.emitter.emit('close');
  }

  onClose(listener: () => void): () => void {
    this.emitter.on('close', listener);
    return () => this.emitter.off('close', listener);
  }

  subscribe(listener: (e: LiveEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
