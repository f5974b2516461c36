import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators';
import { ApiErrors, ApiFileResponse } from '../common/http/api-docs';
import { UuidPipe } from '../common/http/uuid.pipe';
import { PlansService } from './plans.service';

/** 事前公开: a published plan's frozen inputs, anonymously, from publication on (before the draw). */
@ApiTags('publication (一公开)')
@Controller('public/plans/:id/snapshots')
export class PublicSnapshotsController {
  constructor(private readonly plans: PlansService) {}

  @Get('candidates.tsv')
  @Public()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'A published plan\'s frozen candidate pool (USCC, class, exclusion, supervising unit, last inspectors\' certificates); its SHA-256 is candidatePoolHash' })
  @ApiFileResponse('候选对象名录快照（TSV）', 'text/tab-separated-values')
  @ApiErrors([404, '计划不存在或尚未发布'])
  candidates(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.publicSnapshot(id, 'candidates');
  }

  @Get('inspectors.tsv')
  @Public()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'A published plan\'s frozen inspector pool (certificate number, eligibility, domains, unit, task count, department); its SHA-256 is inspectorPoolHash' })
  @ApiFileResponse('执法人员名录快照（TSV）', 'text/tab-separated-values')
  @ApiErrors([404, '计划不存在或尚未发布'])
  inspectors(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.publicSnapshot(id, 'inspectors');
  }

  @Get('conflicts.tsv')
  @Public()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'A published plan\'s frozen declared conflicts (certificate × USCC × period); its SHA-256 is the parameters\' conflictsHash' })
  @ApiFileResponse('回避关系快照（TSV）', 'text/tab-separated-values')
  @ApiErrors([404, '计划不存在或尚未发布'])
  conflicts(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.publicSnapshot(id, 'conflicts');
  }

  @Get('parameters.json')
  @Public()
  @Header('Content-Type', 'application/json; charset=utf-8')
  @ApiOperation({ summary: 'A published plan\'s frozen parameters, canonical JSON (its SHA-256 is parametersHash)' })
  @ApiFileResponse('抽查参数快照（规范化 JSON，按原样保存以核对哈希）', 'application/json')
  @ApiErrors([404, '计划不存在或尚未发布'])
  parameters(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.publicSnapshot(id, 'parameters');
  }

  @Get('probabilities.tsv')
  @Public()
  @Header('Content-Type', 'text/tab-separated-values; charset=utf-8')
  @ApiOperation({ summary: 'Every candidate\'s probability of selection, known at publication: USCC, class, exclusion reason, quota/eligible, probability' })
  @ApiFileResponse('每个候选对象被抽中的概率（TSV）', 'text/tab-separated-values')
  @ApiErrors([404, '计划不存在或尚未发布'])
  probabilities(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.plans.publicSnapshot(id, 'probabilities');
  }
}
