import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../../users/user.entity';

/**
 * Failed logins per (username as typed, client address). The username need not exist: unknown
 * names are throttled exactly like real ones, so the throttle tells nobody which accounts exist.
 */
@Entity('login_throttles')
@Index('ix_login_throttles_last_failure_at', ['lastFailureAt'])
export class LoginThrottle {
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_login_throttles' })
  username: string;

  /** Client address (IPv4, or the /64 of an IPv6 address). */
  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_login_throttles' })
  address: string;

  /** Failed attempts counted since the last success; forgotten FAILURE_MEMORY after the last one. */
  @Column({ type: 'integer', default: 0 })
  failures: number;

  /** Attempts refused unanswered while throttled (not counted as failures). */
  @Column({ type: 'integer', default: 0 })
  refused: number;

  @Column({ type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null;

  /** Attempts from this address for this username are refused until then. */
  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;
}

/** Addresses an account logged in from successfully: its owner is never locked out from them. */
@Entity('login_known_addresses')
export class KnownLoginAddress {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pk_login_known_addresses' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 64, primaryKeyConstraintName: 'pk_login_known_addresses' })
  address: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_login_known_addresses_user' })
  user?: User;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastSuccessAt: Date;
}

export const LOCK_EVENT_KINDS = ['address', 'account'] as const;
export type LockEventKind = (typeof LOCK_EVENT_KINDS)[number];

/**
 * A throttle that started: `address` — one address for one username; `account` — one username from
 * every address not known for it (distributed guessing). Shown to administrators.
 */
@Entity('login_lock_events')
@Index('ix_login_lock_events_created_at', ['createdAt'])
@Check('ck_login_lock_events_kind', `"kind" IN ('address', 'account')`)
export class LoginLockEvent {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_login_lock_events' })
  id: string;

  @Column({ type: 'varchar', length: 10 })
  kind: LockEventKind;

  /**
   * Only a username that exists: what is typed for unknown ones is often a password typed in the
   * wrong field, and must not be shown (OWASP logging cheat sheet).
   */
  @Column({ type: 'varchar', length: 64, nullable: true })
  username: string | null;

  @Column({ type: 'varchar', length: 64 })
  address: string;

  /** Failures counted when the throttle started (for `account`: over all addresses). */
  @Column({ type: 'integer' })
  failures: number;

  @Column({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
