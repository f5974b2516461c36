import { Check, Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * Days an administrator adds to the bundled national calendar: a holiday (e.g. a local closure, or
 * the next year's notice before a release ships it) or a make-up working day (调休 Saturday/Sunday).
 */
@Entity('calendar_days')
@Check('ck_calendar_days_kind', `"kind" IN ('holiday', 'workday')`)
export class CalendarDay {
  @PrimaryColumn({ type: 'date', primaryKeyConstraintName: 'pk_calendar_days' })
  date: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'holiday' | 'workday';

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A year whose holiday notice is complete (bundled or entered): deadlines in it can be computed. */
@Entity('calendar_years')
@Check('ck_calendar_years_year', `"year" BETWEEN 2000 AND 2100`)
export class CalendarYear {
  @PrimaryColumn({ type: 'integer', primaryKeyConstraintName: 'pk_calendar_years' })
  year: number;

  /** The notice it comes from, e.g. 国办发明电〔2026〕N号. */
  @Column({ type: 'varchar', length: 300 })
  source: string;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
