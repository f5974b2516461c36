import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/roles';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { BadRequestError, NotFoundError } from '../common/errors';
import { CalendarDay, CalendarYear } from './calendar.entity';
import { AddCalendarDayDto, AddCalendarYearDto, CalendarStatusDto, CalendarYearDto } from './dto/calendar.dto';
import { noticeStatus } from './notice-status';
import { loadStatutoryData, statutoryHolidays } from './statutory-holidays';
import { CalendarNotCoveredError, loadDefaultCalendarData, WorkingCalendar } from './working-days';

const MIN_WEEKDAY_HOLIDAYS = 5;

/** What entering a notice passes to the modules that own deadlines, so they recompute the provisional ones. */
export interface NoticeEntered {
  year: number;
  source: string;
  actorId: string;
}
/** Recomputes one module's pending deadlines in the notice's transaction (audited there); returns how many changed. */
export type DeadlineRecompute = (em: EntityManager, calendar: WorkingCalendar, notice: NoticeEntered) => Promise<number>;

/**
 * The working-day calendar in force: the bundled national notices plus what administrators have
 * added. Read from the database at each use (a few hundred rows), so every instance agrees at once.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private readonly recomputers = new Map<string, DeadlineRecompute>();

  /** Publication and rectifications register here (they import this module, so it cannot call them directly). */
  onNoticeEntered(owner: string, recompute: DeadlineRecompute): void {
    this.recomputers.set(owner, recompute);
  }

  async calendar(em: EntityManager = this.dataSource.manager): Promise<WorkingCalendar> {
    const days = await em.getRepository(CalendarDay).find();
    const years = await em.getRepository(CalendarYear).find();
    return build(days, years);
  }

  async year(year: number): Promise<CalendarYearDto> {
    const cal = await this.calendar();
    const rows = await this.dataSource.getRepository(CalendarDay).find({ where: { date: Between(`${year}-01-01`, `${year}-12-31`) }, order: { date: 'ASC' } });
    const entered = rows.map((d) => ({ date: d.date, kind: d.kind, name: d.name }));
    const out: CalendarYearDto = { year, covered: true, provisional: cal.isProvisionalYear(year), holidays: [], makeupWorkdays: [], workingDays: 0, entered };
    for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const weekend = [0, 6].includes(new Date(t).getUTCDay());
      let working: boolean;
      try {
        working = cal.isWorkingDay(date);
      } catch (err) {
        if (err instanceof CalendarNotCoveredError) return { ...out, covered: false, holidays: [], makeupWorkdays: [], workingDays: 0 };
        throw err;
      }
      if (working) out.workingDays += 1;
      if (!weekend && !working) out.holidays.push(date);
      if (weekend && working) out.makeupWorkdays.push(date);
    }
    return out;
  }

  async addDay(user: AuthUser, dto: AddCalendarDayDto): Promise<CalendarYearDto> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['calendar']);
      const days = await em.getRepository(CalendarDay).find();
      const row = { date: dto.date, kind: dto.kind, name: dto.name, createdBy: user.id };
      // The whole calendar must stay consistent (a make-up day on a weekend, never also a holiday).
      validate([...days.filter((d) => d.date !== dto.date), row as CalendarDay], await em.getRepository(CalendarYear).find());
      await em.getRepository(CalendarDay).upsert(row, ['date']);
      await this.audit.append(em, { actorId: user.id, action: 'calendar.day', subjectType: 'calendar', subjectId: dto.date, after: { kind: dto.kind, name: dto.name } });
    });
    return this.year(Number(dto.date.slice(0, 4)));
  }

  /** A year not bundled becomes computable only once its notice's days are in (a notice has at least five weekday holidays). */
  async addYear(user: AuthUser, dto: AddCalendarYearDto): Promise<CalendarYearDto> {
    await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['calendar']);
      if (!loadDefaultCalendarData().coveredYears.includes(dto.year)) {
        const days = await em.getRepository(CalendarDay).find();
        const weekdayHolidays = days.filter((d) => d.kind === 'holiday' && d.date.startsWith(`${dto.year}-`) && ![0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay()));
        if (weekdayHolidays.length < MIN_WEEKDAY_HOLIDAYS) {
          throw new BadRequestError('CALENDAR_YEAR_INCOMPLETE', `${dto.year}年只录入了${weekdayHolidays.length}个工作日放假日，请先按国务院通知录入全部节假日和调休日`, [{ field: 'year' }]);
        }
      }
      await em.getRepository(CalendarYear).upsert({ year: dto.year, source: dto.source, createdBy: user.id }, ['year']);
      // Deadlines computed with the statutory fallback follow the notice at once, in this transaction.
      const cal = await this.calendar(em);
      const recomputed: Record<string, number> = {};
      for (const [owner, recompute] of this.recomputers) recomputed[owner] = await recompute(em, cal, { year: dto.year, source: dto.source, actorId: user.id });
      await this.audit.append(em, { actorId: user.id, action: 'calendar.year', subjectType: 'calendar', subjectId: String(dto.year), details: { source: dto.source, recomputed } });
    });
    return this.year(dto.year);
  }

  /**
   * This year's and next year's notice: from 1 November a missing notice for next year (and any time a missing
   * notice for this year) is an alert for administrators; deadlines there are provisional or not computable.
   */
  async status(): Promise<CalendarStatusDto> {
    return noticeStatus(await this.calendar(), this.clock.today());
  }

  /** Removes an administrator's entry (a mistake); the bundled notice for that date applies again. */
  async removeDay(user: AuthUser, date: string): Promise<CalendarYearDto> {
    await this.dataSource.transaction(async (em) => {
      const row = await em.getRepository(CalendarDay).findOne({ where: { date } });
      if (!row) throw new NotFoundError('补录的日期', 'CALENDAR_DAY_NOT_FOUND');
      await em.getRepository(CalendarDay).delete({ date });
      await this.audit.append(em, { actorId: user.id, action: 'calendar.day_removed', subjectType: 'calendar', subjectId: date, before: { kind: row.kind, name: row.name } });
    });
    return this.year(Number(date.slice(0, 4)));
  }
}

/**
 * A legal deadline: `days` working days after `from`. A year without a notice is counted with its statutory
 * holidays (provisional); a year beyond the shipped statutory data too is a 400 naming the year
 * (administrators can enter it), never a guess. `what` names the deadline.
 */
export function deadlineAfter(calendar: WorkingCalendar, from: string, days: number, what: string, field?: string): string {
  try {
    return calendar.addWorkingDays(from, days);
  } catch (err) {
    if (err instanceof CalendarNotCoveredError) throw new BadRequestError('CALENDAR_NOT_COVERED', `节假日安排尚未收录${err.year}年，无法计算${what}（管理员可在“工作日”中补录）`, field ? [{ field }] : undefined);
    throw err;
  }
}

let provisional: { years: number[]; holidays: string[] } | undefined;

/** The statutory fallback for the years of the shipped table (a notice, when in, wins: see WorkingCalendar). */
function statutoryFallback(): { years: number[]; holidays: string[] } {
  if (!provisional) {
    const table = loadStatutoryData();
    provisional = { years: [...table.keys()], holidays: [...table].flatMap(([year, dates]) => statutoryHolidays(year, dates).map((h) => h.date)) };
  }
  return provisional;
}

function build(days: CalendarDay[], years: CalendarYear[]): WorkingCalendar {
  const base = loadDefaultCalendarData();
  // An administrator's entry for a date overrides the bundled notice for that date.
  const overridden = new Set(days.map((d) => d.date));
  return new WorkingCalendar(
    { holidays: base.holidays.filter((d) => !overridden.has(d)), makeupWorkdays: base.makeupWorkdays.filter((d) => !overridden.has(d)), coveredYears: base.coveredYears },
    { extraHolidays: days.filter((d) => d.kind === 'holiday').map((d) => d.date), extraMakeupWorkdays: days.filter((d) => d.kind === 'workday').map((d) => d.date), extraCoveredYears: years.map((y) => y.year) },
    statutoryFallback(),
  );
}

function validate(days: CalendarDay[], years: CalendarYear[]): void {
  try {
    build(days, years);
  } catch (err) {
    throw new BadRequestError('CALENDAR_INVALID', `日历不一致：${err instanceof Error ? err.message : String(err)}`, [{ field: 'date' }]);
  }
}
