import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Models } from '../models/index.ts';
import type { AuthOptions } from './auth-options.ts';
import { LoginLimiter } from './login-limiter.ts';
import { UnauthenticatedError } from './errors.ts';
import type { Principal } from './principal.ts';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Logs users in and out; sessions live in MongoDB and can be revoked. */
export class SessionService {
  private readonly limiter: LoginLimiter;
  // Compared against when the username does not exist, so timing does not reveal which usernames exist.
  private readonly dummyHash: string;

  constructor(private readonly models: Models, private readonly options: AuthOptions) {
    this.limiter = new LoginLimiter(options.maxFailures, options.windowMs);
    this.dummyHash = bcrypt.hashSync('streetflow-dummy', 4);
  }

  /** @throws UnauthenticatedError on bad credentials, TooManyAttemptsError when rate limited. */
  async login(username: string, password: string, ip: string): Promise<{ token: string; expiresAt: Date; userId: string }> {
    const keys = [`user:${username.toLowerCase()}`, `ip:${ip}`];
    this.limiter.check(keys);
    const user = await this.models.User.findOne({ username }).lean();
    const ok = await bcrypt.compare(password, user?.passwordHash ?? this.dummyHash);
    if (!user || !ok || !user.active) {
      this.limiter.fail(keys);
      throw new UnauthenticatedError('Unknown username or wrong password');
    }
    this.limiter.succeed(keys);
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + this.options.sessionTtlMs);
    await this.models.Session.create({ tokenHash: sha256(token), userId: user._id, createdAt: now, expiresAt, revokedAt: null, ip });
    return { token, expiresAt, userId: String(user._id) };
  }

  /** Resolves a bearer token to its user. @throws UnauthenticatedError */
  async authenticate(token: string): Promise<Principal> {
    const session = await this.models.Session.findOne({ tokenHash: sha256(token) }).lean();
    if (!session || session.revokedAt || session.expiresAt.getTime() <= Date.now()) {
      throw new UnauthenticatedError(session ? 'The session has ended (logged out or expired); log in again' : undefined);
    }
    const user = await this.models.User.findById(session.userId).lean();
    if (!user || !user.active) throw new UnauthenticatedError('The account is disabled');
    return {
      id: String(user._id),
      username: user.username,
      displayName: user.displayName,
      roles: user.roles,
      offices: user.offices,
      posts: user.posts,
      sessionId: String(session._id),
    };
  }

  /** Revokes one session (logout). */
  async revoke(sessionId: string): Promise<void> {
    await this.models.Session.updateOne({ _id: sessionId }, { $set: { revokedAt: new Date() } });
  }

  /** Revokes every session of a user (e.g. after a password change). */
  async revokeAll(userId: string): Promise<void> {
    await this.models.Session.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: new Date() } });
  }
}
