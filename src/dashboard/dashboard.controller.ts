import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { TodoDto, TodoQueryDto } from './dto/todo.dto';
import { DashboardService } from './dashboard.service';

@ApiTags('dashboard (工作台)')
@Controller('dashboard')
export class DashboardController {
  constructor(private readonly dashboard: DashboardService) {}

  @Get('todo')
  @Auth('supervisor', 'legal_reviewer', 'admin')
  @ApiOperation({ summary: 'To-do counts for the caller\'s role and department, each with the list route and filters it links to' })
  @ApiOkResponse({ type: TodoDto })
  todo(@CurrentUser() user: AuthUser, @Query() query: TodoQueryDto): Promise<TodoDto> {
    return this.dashboard.todo(user, query);
  }
}
