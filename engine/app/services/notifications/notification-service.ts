import type { Models } from '../../models/index.ts';
import type { Notification } from '../../models/misc.ts';
import { isDuplicateKey } from '../audit/history-service.ts';
import type { EventBus } from '../events/event-bus.ts';

/** A message to put in the outbox. `key` makes it idempotent (same key → one message). */
export interface OutboxMessage {
  key: string;
  to: string;
  kind: Notification['kind'];
  caseId: string | null;
  taskId: string | null;
  message: string;
}

/** The notification outbox: persisted and viewable; nothing leaves the machine. */
export class NotificationService {
  constructor(private readonly models: Models, private readonly bus: EventBus) {}

  /** Queues a message once per key; returns false when it was already queued. */
  async enqueue(m: OutboxMessage): Promise<boolean> {
    try {
      await this.models.Notification.create({ ...m, createdAt: new Date(), status: 'queued', deliveredAt: null, readAt: null });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    const toGroup = m.to.includes(':');
    this.bus.publish({ type: 'notification', caseId: m.caseId, groups: toGroup ? [m.to] : [], users: toGroup ? [] : [m.to], data: { kind: m.kind, message: m.message } });
    return true;
  }

  /** Messages for a user and their groups, newest first. */
  list(to: string[], limit = 100): Promise<Notification[]> {
    return this.models.Notification.find({ to: { $in: to } }).sort({ createdAt: -1 }).limit(limit).lean();
  }
}
