import { Schema, type Types } from 'mongoose';

export const ROLES = ['admin', 'process-owner', 'agent', 'auditor'] as const;
/** What a user may do: admin (everything), process-owner (deploy), agent (work tasks), auditor (read all). */
export type Role = (typeof ROLES)[number];

/** A person who logs in. Offices and posts are codes of {@link Office} and {@link Post}. */
export interface User {
  _id: Types.ObjectId;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: Role[];
  offices: string[];
  posts: string[];
  village?: string;
  active: boolean;
}

export const userSchema = new Schema<User>(
  {
    username: { type: String, required: true, unique: true },
    displayName: { type: String, required: true },
    passwordHash: { type: String, required: true },
    roles: [{ type: String, enum: ROLES }],
    offices: [String],
    posts: [String],
    village: String,
    active: { type: Boolean, default: true },
  },
  { collection: 'users', timestamps: true },
);

/** A login session; only the SHA-256 of the bearer token is stored. */
export interface Session {
  tokenHash: string;
  userId: Types.ObjectId;
  createdAt: Date;
  expiresAt: Date;
  revokedAt?: Date | null;
  ip?: string;
}

export const sessionSchema = new Schema<Session>(
  {
    tokenHash: { type: String, required: true, unique: true },
    userId: { type: Schema.Types.ObjectId, required: true, index: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
    revokedAt: { type: Date, default: null },
    ip: String,
  },
  { collection: 'sessions' },
);
