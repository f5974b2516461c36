import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { User } from '../../users/user.entity';

/**
 * One refresh token of a browser session (the cookie). Only its SHA-256 is stored. A login starts a
 * family; each refresh marks the presented token used and adds the next one to the family, so a
 * used token presented again (a stolen copy) is recognised and the whole family revoked.
 */
@Entity('refresh_tokens')
@Unique('uq_refresh_tokens_token_hash', ['tokenHash'])
@Index('ix_refresh_tokens_family_id', ['familyId'])
@Index('ix_refresh_tokens_user_id', ['userId'])
@Index('ix_refresh_tokens_purge_after', ['purgeAfter'])
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_refresh_tokens' })
  id: string;

  /** Hex SHA-256 of the token (32 random bytes): a leaked table holds no usable token. */
  @Column({ type: 'char', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_tokens_user' })
  user?: User;

  /** The login this token descends from; revoking a session revokes every token of its family. */
  @Column({ type: 'uuid' })
  familyId: string;

  /** users.token_version at the login: a later bump (password, deactivation, role) ends the session. */
  @Column({ type: 'integer' })
  tokenVersion: number;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  /** Issue, or the refresh that rotated it: the idle timeout counts from here. */
  @Column({ type: 'timestamptz' })
  lastUsedAt: Date;

  /** When it was rotated (exchanged for the next token); presented again after that: reuse. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  /** The family's absolute end (login + SESSION_MAX_HOURS), the same for every token of it. */
  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /**
   * When the row may be deleted: a day after the family's end, in the database's own time (not the
   * Clock's). Apps with fixed clocks (tests) share a database; sweeping by any one clock would
   * delete the live sessions of apps on another.
   */
  @Column({ type: 'timestamptz' })
  purgeAfter: Date;
}
