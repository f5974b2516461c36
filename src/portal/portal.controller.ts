import { Controller, Get, Header, Param, Query, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
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
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  home(): Promise<string> {
    return this.portal.home();
  }

  @Get('portal/results')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Results search page (HTML, a GET form with the filters of /public/results)' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  results(@Query() query: PortalResultsQueryDto): Promise<string> {
    return this.portal.results(query);
  }

  @Get('portal/entities/:uscc')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Entity page (HTML): all published checks of one entity' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  entity(@Param() params: UsccParamDto): Promise<string> {
    return this.portal.entity(params.uscc);
  }

  @Get('portal/plans/:id')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Plan page (HTML): scope, sampling, frozen hashes, randomness source, draws' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  plan(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.portal.plan(id);
  }

  @Get('portal/draws/:id')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Draw page (HTML): transcript summary and how to verify it yourself' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  draw(@Param('id', UuidPipe) id: string, @Query() query: PortalDrawQueryDto, @Req() req: Request): Promise<string> {
    return this.portal.draw(id, query.pageNumber ?? 1, originOf(req));
  }

  @Get('portal/draws/:id/completeness')
  @Public()
  @Header('Content-Type', HTML)
  @ApiOperation({ summary: 'Completeness page (HTML): every target of a draw and where its result stands' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  completeness(@Param('id', UuidPipe) id: string): Promise<string> {
    return this.portal.completeness(id);
  }

  @Get('portal/assets/portal.css')
  @Public()
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiExcludeEndpoint()
  stylesheet(): string {
    return this.portal.stylesheet();
  }

  /** Last: any other path under /portal is an HTML 404, not the API's JSON one. */
  @Get(['portal', 'portal/*path'])
  @Public()
  @ApiExcludeEndpoint()
  notFound(): never {
    return this.portal.notFound();
  }
}

/**
 * The site's own address, for the verify-draw command shown on the draw page. Only a plain
 * host[:port] is used (the Host header is the client's word); otherwise the page shows the path.
 */
function originOf(req: Request): string | null {
  const host = req.get('host') ?? '';
  if (!/^[A-Za-z0-9.-]{1,253}(:\d{1,5})?$/.test(host) && !/^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return null;
  return `${req.protocol === 'https' ? 'https' : 'http'}://${host}`;
}
