import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { Public } from '../auth/auth.decorators';
import { ApiFileResponse, ApiTextResponse, arrayOf, objectSchema } from '../common/http/api-docs';
import { RuntimeConfig } from '../config/runtime-config';
import { DATASETS, OpenDataService } from './open-data.service';

@ApiTags('open data (开放数据)')
@Controller('public')
export class OpenDataController {
  /** PUBLIC_BASE_URL: the feed's links never come from the Host header. */
  private readonly baseUrl: string;

  constructor(
    private readonly openData: OpenDataService,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  @Get('open-data')
  @Public()
  @ApiOperation({ summary: 'The open-data files: inspections, entities, findings, legend, feed_info — each as .csv and .json' })
  @ApiOkResponse({ description: 'Dataset names with descriptions (Chinese) and their URLs', schema: arrayOf(objectSchema({ name: { type: 'string' }, description: { type: 'string' }, csv: { type: 'string' }, json: { type: 'string' } })) as object })
  index(): { name: string; description: string; csv: string; json: string }[] {
    return Object.entries(DATASETS).map(([name, description]) => ({ name, description, csv: `/public/open-data/${name}.csv`, json: `/public/open-data/${name}.json` }));
  }

  @Get('open-data/:file')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: 'One open-data file, streamed (e.g. inspections.csv, findings.json); built only from published results' })
  @ApiFileResponse('开放数据文件（CSV 或 JSON）', 'text/csv', 'application/json')
  file(@Param('file') file: string): StreamableFile {
    const { chunks, contentType, filename } = this.openData.stream(file);
    return new StreamableFile(Readable.from(chunks), { type: contentType, disposition: `inline; filename="${filename}"` });
  }

  @Get('feed.atom')
  @Public()
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiOperation({ summary: 'Atom feed of the latest published results (corrections and withdrawals marked); links to the portal on PUBLIC_BASE_URL' })
  @ApiTextResponse('Atom 订阅源', 'application/atom+xml')
  feed(): Promise<string> {
    return this.openData.atom(this.baseUrl);
  }
}
