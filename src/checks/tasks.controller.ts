import { Body, Controller, Get, Headers, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { PageQueryDto } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { RecordDto, RecordFieldsDto } from './dto/record.dto';
import { CheckFormOptionsDto, MyTaskPageDto, TaskDto } from './dto/task.dto';
import { RecordsService } from './records.service';
import { TasksService } from './tasks.service';

@ApiTags('tasks (检查任务)')
@Controller()
export class TasksController {
  constructor(
    private readonly tasks: TasksService,
    private readonly records: RecordsService,
  ) {}

  @Get('me/tasks')
  @Auth('inspector')
  @ApiOperation({ summary: 'My tasks: the tasks whose team includes me, with the entity\'s address, the items and their legal basis, the window and my teammates' })
  @ApiOkResponse({ type: MyTaskPageDto })
  mine(@CurrentUser() user: AuthUser, @Query() query: PageQueryDto): Promise<MyTaskPageDto> {
    return this.tasks.mine(user, query);
  }

  @Get('check-form/options')
  @Auth()
  @ApiOperation({ summary: "The check form's choices and limits: the standard result codes with their Chinese labels, the minimum present, the major-decision threshold, evidence limits, today" })
  @ApiOkResponse({ type: CheckFormOptionsDto })
  formOptions(): CheckFormOptionsDto {
    return this.tasks.formOptions();
  }

  @Get('tasks/:id')
  @Auth()
  @ApiOperation({ summary: 'A task (its team\'s inspectors, the departments\' supervisors and legal reviewers; others get 404)' })
  @ApiOkResponse({ type: TaskDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<TaskDto> {
    return this.tasks.get(user, id);
  }

  @Post('tasks/:id/record')
  @Auth('inspector')
  @ApiOperation({ summary: 'Start the check record of a task (team members only); retry-safe with Idempotency-Key' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried request with the same key returns the first answer' })
  @ApiCreatedResponse({ type: RecordDto })
  createRecord(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Headers('idempotency-key') key: string | undefined, @Body() dto: RecordFieldsDto): Promise<RecordDto> {
    return this.records.create(user, id, key, dto);
  }
}
