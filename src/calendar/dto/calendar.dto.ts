import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsDateOnly, Trim } from '../../common/validation';

export class CalendarQueryDto {
  @ApiProperty({ example: 2024 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year: number;
}

export class AddCalendarDayDto {
  @ApiProperty({ example: '2027-01-01' }) @IsDateOnly() date: string;
  @ApiProperty({ enum: ['holiday', 'workday'], description: 'holiday, or a make-up working day (调休, a Saturday or Sunday)' }) @IsIn(['holiday', 'workday']) kind: 'holiday' | 'workday';
  @ApiProperty({ example: '元旦' }) @Trim() @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class CalendarDateParamDto {
  @ApiProperty({ example: '2027-01-01' }) @IsDateOnly() date: string;
}

export class AddCalendarYearDto {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(2000) @Max(2100) year: number;
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' }) @Trim() @IsString() @MinLength(4) @MaxLength(300) source: string;
}

export class CalendarEntryDto {
  @ApiProperty({ example: '2027-02-09' }) date: string;
  @ApiProperty({ enum: ['holiday', 'workday'] }) kind: 'holiday' | 'workday';
  @ApiProperty({ example: '春节' }) name: string;
}

export class CalendarYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'Deadlines can be computed in this year (its notice, or the statutory holidays)' }) covered: boolean;
  @ApiProperty({ description: 'No notice yet: computed with the statutory holidays only, deadlines in it are provisional' }) provisional: boolean;
  @ApiProperty({ description: 'Weekdays off (holidays)' }) holidays: string[];
  @ApiProperty({ description: 'Saturdays and Sundays worked (调休)' }) makeupWorkdays: string[];
  @ApiProperty({ description: 'Working days in the year' }) workingDays: number;
  @ApiProperty({ type: [CalendarEntryDto], description: "The administrators' entries in the year (a notice being entered, local closures); only these can be removed. A provisional year counts them once its notice is marked complete" })
  entered: CalendarEntryDto[];
}

export class CalendarStatusYearDto {
  @ApiProperty() year: number;
  @ApiProperty({ description: 'The State Council notice is in (bundled or entered)' }) notice: boolean;
  @ApiProperty({ description: 'Counted with the statutory holidays until the notice is in' }) provisional: boolean;
  @ApiProperty({ description: 'Deadlines in it can be computed at all' }) computable: boolean;
}

export class CalendarStatusDto {
  @ApiProperty({ description: "Today's date in China" }) today: string;
  @ApiProperty({ description: "This year's notice, or from 1 November next year's, is missing" }) alert: boolean;
  @ApiProperty({ type: [Number] }) missingNotices: number[];
  @ApiProperty({ nullable: true, type: String, description: 'What administrators should do (Chinese)' }) message: string | null;
  @ApiProperty({ type: [CalendarStatusYearDto] }) years: CalendarStatusYearDto[];
}
