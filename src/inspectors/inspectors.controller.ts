import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import {
  CreateInspectorDto,
  EligibilityDto,
  EligibilityQueryDto,
  ExamDto,
  ExpiringCertificateDto,
  ExpiringQueryDto,
  InspectorDto,
  InspectorPageDto,
  InspectorQueryDto,
  StatusChangeDto,
  TrainingDto,
  UpdateInspectorDto,
} from './dto/inspector.dto';
import { InspectorsService } from './inspectors.service';

const WRITE = ['admin', 'supervisor'] as const;

@ApiTags('inspector directory (执法检查人员名录库)')
@Controller('inspectors')
export class InspectorsController {
  constructor(private readonly inspectors: InspectorsService) {}

  @Post()
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Add an inspector (certificate number unique nationally)' })
  @ApiCreatedResponse({ type: InspectorDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateInspectorDto): Promise<InspectorDto> {
    return this.inspectors.create(user, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Search inspectors: name, certificate number, enforcement domain' })
  @ApiOkResponse({ type: InspectorPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: InspectorQueryDto): Promise<Page<InspectorDto>> {
    return this.inspectors.list(user, query);
  }

  @Get('expiring-certificates')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Certificates expiring soon (default window 60 days): the supervisors\' warning list' })
  @ApiOkResponse({ type: [ExpiringCertificateDto] })
  expiring(@CurrentUser() user: AuthUser, @Query() query: ExpiringQueryDto): Promise<ExpiringCertificateDto[]> {
    return this.inspectors.expiringCertificates(user, query.withinDays, query.departmentId);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One inspector with status history, trainings and exams' })
  @ApiOkResponse({ type: InspectorDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<InspectorDto> {
    return this.inspectors.get(user, id);
  }

  @Patch(':id')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Change an inspector (send the version you read; a stale one answers 409)' })
  @ApiOkResponse({ type: InspectorDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateInspectorDto): Promise<InspectorDto> {
    return this.inspectors.update(user, id, dto);
  }

  @Post(':id/status')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Suspend, revoke or reinstate from a date, with a reason (history kept)' })
  @ApiCreatedResponse({ type: InspectorDto })
  changeStatus(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: StatusChangeDto): Promise<InspectorDto> {
    return this.inspectors.changeStatus(user, id, dto);
  }

  @Post(':id/trainings')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Record a training (date not in the future, hours with one decimal)' })
  @ApiCreatedResponse({ type: InspectorDto })
  addTraining(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: TrainingDto): Promise<InspectorDto> {
    return this.inspectors.addTraining(user, id, dto);
  }

  @Post(':id/exams')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Record (or correct) the annual exam result of a year' })
  @ApiCreatedResponse({ type: InspectorDto })
  recordExam(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: ExamDto): Promise<InspectorDto> {
    return this.inspectors.recordExam(user, id, dto);
  }

  @Get(':id/eligibility')
  @Auth()
  @ApiOperation({ summary: 'May this inspector be drawn on a date? Every failed rule is named' })
  @ApiOkResponse({ type: EligibilityDto })
  eligibility(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query() query: EligibilityQueryDto): Promise<EligibilityDto> {
    return this.inspectors.eligibility(user, id, query.date);
  }
}
