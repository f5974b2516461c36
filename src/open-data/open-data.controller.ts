import { Controller, Get, Header, Param, Req, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { Public } from '../auth/auth.decorators';
import { DATASETS, OpenDataService } from './open-data.service';

@ApiTags('open data (开放数据)')
@Controller('public')
export class OpenDataController {
  constructor(private readonly openData: OpenDataService) {}

  @Get('open-data')
  @Public()
  @ApiOperation({ summary: 'The open-data files: inspections, entities, findings, legend, feed_info — each as .csv and .json' })
  @ApiOkResponse({ description: 'Dataset names with descriptions (Chinese) and their URLs' })
  index(): { name: string; description: string; csv: string; json: string }[] {
    return Object.entries(DATASETS).map(([name, description]) => ({ name, description, csv: `/public/open-data/${name}.csv`, json: `/public/open-data/${name}.json` }));
  }

  @Get('open-data/:file')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOperation({ summary: 'One open-data file, streamed (e.g. inspections.csv, findings.json); built only from published results' })
  @ApiProduces('text/csv', 'application/json')
  file(@Param('file') file: string): StreamableFile {
    const { chunks, contentType, filename } = this.openData.stream(file);
    return new StreamableFile(Readable.from(chunks), { type: contentType, disposition: `inline; filename="${filename}"` });
  }

  @Get('feed.atom')
  @Public()
  @Header('Content-Type', 'application/atom+xml; charset=utf-8')
  @ApiOperation({ summary: 'Atom feed of the latest published results (corrections and withdrawals marked)' })
  @ApiProduces('application/atom+xml')
  feed(@Req() req: Request): Promise<string> {
    return this.openData.atom(`${req.protocol}://${req.get('host') ?? 'localhost'}`);
  }
}
