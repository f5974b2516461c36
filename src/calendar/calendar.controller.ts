import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { CalendarService } from './calendar.service';
import { AddCalendarDayDto, AddCalendarYearDto, CalendarDateParamDto, CalendarQueryDto, CalendarStatusDto, CalendarYearDto } from './dto/calendar.dto';

@ApiTags('calendar (工作日)')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get()
  @Auth()
  @ApiOperation({ summary: 'The working-day calendar of a year: holidays, make-up working days (调休), whether deadlines can be computed in it' })
  @ApiOkResponse({ type: CalendarYearDto })
  year(@Query() query: CalendarQueryDto): Promise<CalendarYearDto> {
    return this.calendar.year(query.year);
  }

  @Get('status')
  @Auth('admin')
  @ApiOperation({ summary: "Whether this year's and next year's holiday notices are in: an alert from 1 November when next year's is missing" })
  @ApiOkResponse({ type: CalendarStatusDto })
  status(): Promise<CalendarStatusDto> {
    return this.calendar.status();
  }

  @Post('days')
  @Auth('admin')
  @ApiOperation({ summary: 'Add or change a day (holiday or make-up working day), e.g. from next year\'s notice' })
  @ApiCreatedResponse({ type: CalendarYearDto })
  addDay(@CurrentUser() user: AuthUser, @Body() dto: AddCalendarDayDto): Promise<CalendarYearDto> {
    return this.calendar.addDay(user, dto);
  }

  @Delete('days/:date')
  @Auth('admin')
  @ApiOperation({ summary: 'Remove an administrator\'s entry for a day (the bundled notice applies again)' })
  @ApiOkResponse({ type: CalendarYearDto })
  removeDay(@CurrentUser() user: AuthUser, @Param() params: CalendarDateParamDto): Promise<CalendarYearDto> {
    return this.calendar.removeDay(user, params.date);
  }

  @Post('years')
  @Auth('admin')
  @ApiOperation({ summary: 'Mark a year\'s holiday notice as complete (after entering its days): provisional deadlines of pending publications and rectifications are recomputed with it' })
  @ApiCreatedResponse({ type: CalendarYearDto })
  addYear(@CurrentUser() user: AuthUser, @Body() dto: AddCalendarYearDto): Promise<CalendarYearDto> {
    return this.calendar.addYear(user, dto);
  }
}
