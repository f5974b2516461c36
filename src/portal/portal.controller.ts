import { Controller, Get, Header, Param, Query, UseFilters } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTextResponse } from '../common/http/api-docs';
import { Public } from '../auth/auth.decorators';
import { UuidPipe } from '../common/http/uuid.pipe';
import { UsccParamDto } from '../publication/dto/public.dto';
import { PortalDrawQueryDto, PortalResultsQueryDto } from './dto/portal.dto';
import { PortalErrorFilter } from './portal-error.filter';
import { PortalService } from './portal.service';

const HTML = 'text/html; charset=utf-8';

/**
 * The public portal's pages. Everything it serves is "/" or under /portal/, because the staff API
 * already owns /entities/:id, /plans/:id and /draws/:id. Errors become HTML pages (PortalErrorFilter).
 */
@ApiTags('portal (公示网站)')
@Controller()
@UseFilters(PortalErrorFilter)
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Get()
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Portal home page (HTML): items, latest plans, latest results' })
  @ApiTextResponse('HTML 页面', 'text/html')
  home(): Promise<string> {
    return this.portal.home();
  }

  @Get('portal/results')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Results search page (HTML, a GET form with the filters of /public/results)' })
  @ApiTextResponse('HTML 页面', 'text/html')
  results(@Query() query: PortalResultsQueryDto): Promise<string> {
    return this.portal.results(query);
  }

  @Get('portal/entities/:uscc')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Entity page (HTML): all published checks of one entity' })
  @ApiTextResponse('HTML 页面', 'text/html')
  entity(@Param() params: UsccParamDto): Promise<string> {
    return this.portal.entity(params.uscc);
  }

  @Get('portal/plans/:id')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Plan page (HTML): scope, sampling, frozen hashes, randomness source, draws' })
  @ApiTextResponse('HTML 页面', 'text/html')
  plan(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.portal.plan(id);
  }

  @Get('portal/draws/:id')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Draw page (HTML): transcript summary and how to verify it yourself' })
  @ApiTextResponse('HTML 页面', 'text/html')
  draw(@Param('id', UuidPipe) id: string, @Query() query: PortalDrawQueryDto): Promise<string> {
    return this.portal.draw(id, query.pageNumber ?? 1);
  }

  @Get('portal/draws/:id/completeness')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Completeness page (HTML): every target of a draw and where its result stands' })
  @ApiTextResponse('HTML 页面', 'text/html')
  completeness(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.portal.completeness(id);
  }

  @Get('portal/check-code/:code')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: '检查码 page (HTML): that an inspection is real — plan, draw, items and legal basis, the team and their certificates; 404 for an unknown code' })
  @ApiTextResponse('HTML 页面', 'text/html')
  checkCode(@Param('code') code: string): Promise<string> {
    return this.portal.checkCode(code);
  }

  @Get('portal/open-data')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Open-data page (HTML): each file and field explained, encoding, update frequency, licence, how to verify with the audit head' })
  @ApiTextResponse('HTML 页面', 'text/html')
  openData(): string {
    return this.portal.openData();
  }

  @Get('portal/assets/portal.css')
  @Public()
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiExcludeEndpoint()
  stylesheet(): string {
    return this.portal.stylesheet();
  }

  @Get('portal/assets/verify-draw.js')
  @Public()
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiExcludeEndpoint()
  verifierScript(): string {
    return this.portal.verifierScript();
  }

  /** Last: any other path under /portal is an HTML 404, not the API's JSON one. */
  @Get(['portal', 'portal/*path'])
  @Public()
  @ApiExcludeEndpoint()
  notFound(): never {
    return this.portal.notFound();
  }
}
