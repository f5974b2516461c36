import { Body, Controller, Delete, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators';
import type { AuthUser } from '../auth/roles';
import { Page } from '../common/http/paging';
import { UuidPipe } from '../common/http/uuid.pipe';
import { AddRiskClassDto, AsOfQueryDto, CreateEntityDto, EntityDto, EntityPageDto, EntityQueryDto, LicenceDto, RiskClassOnDateDto, UpdateEntityDto } from './dto/entity.dto';
import { RegulatedEntitiesService } from './regulated-entities.service';

const WRITE = ['admin', 'supervisor'] as const;

@ApiTags('entity directory (检查对象名录库)')
@Controller('entities')
export class RegulatedEntitiesController {
  constructor(private readonly entities: RegulatedEntitiesService) {}

  @Post()
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Add an entity to the directory (USCC checked by GB 32100-2015)' })
  @ApiCreatedResponse({ type: EntityDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateEntityDto): Promise<EntityDto> {
    return this.entities.create(user, dto);
  }

  @Get()
  @Auth()
  @ApiOperation({ summary: 'Search the directory: name substring, USCC, class in force on a date, status, industry, licence, district' })
  @ApiOkResponse({ type: EntityPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: EntityQueryDto): Promise<Page<EntityDto>> {
    return this.entities.list(user, query);
  }

  @Get(':id')
  @Auth()
  @ApiOperation({ summary: 'One entity with its licences and credit-risk class history' })
  @ApiOkResponse({ type: EntityDto })
  get(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string): Promise<EntityDto> {
    return this.entities.get(user, id);
  }

  @Patch(':id')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Change an entity (send the version you read; a stale one answers 409)' })
  @ApiOkResponse({ type: EntityDto })
  update(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: UpdateEntityDto): Promise<EntityDto> {
    return this.entities.update(user, id, dto);
  }

  @Post(':id/risk-classes')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Record a credit-risk class taking effect on a date (history is kept)' })
  @ApiCreatedResponse({ type: EntityDto })
  addRiskClass(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: AddRiskClassDto): Promise<EntityDto> {
    return this.entities.addRiskClass(user, id, dto);
  }

  @Get(':id/risk-class')
  @Auth()
  @ApiOperation({ summary: 'The credit-risk class in force on a date' })
  @ApiOkResponse({ type: RiskClassOnDateDto })
  riskClassOn(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Query() query: AsOfQueryDto): Promise<RiskClassOnDateDto> {
    return this.entities.riskClassOn(user, id, query.date);
  }

  @Post(':id/licences')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Add a licence to an entity' })
  @ApiCreatedResponse({ type: EntityDto })
  addLicence(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Body() dto: LicenceDto): Promise<EntityDto> {
    return this.entities.addLicence(user, id, dto);
  }

  @Delete(':id/licences/:licenceId')
  @Auth(...WRITE)
  @ApiOperation({ summary: 'Remove a licence from an entity' })
  @ApiOkResponse({ type: EntityDto })
  removeLicence(@CurrentUser() user: AuthUser, @Param('id', UuidPipe) id: string, @Param('licenceId', UuidPipe) licenceId: string): Promise<EntityDto> {
    return this.entities.removeLicence(user, id, licenceId);
  }
}
