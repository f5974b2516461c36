import * as fs from 'node:fs';
import * as path from 'node:path';
import { Injectable } from '@nestjs/common';
import { consoleDir } from '../common/http/console-static';
import { ConfigService } from '@nestjs/config';
import { NotFoundError } from '../common/errors';
import { RuntimeConfig } from '../config/runtime-config';
import { DATASET_FIELDS, OPEN_DATA_LICENCE } from '../open-data/dataset-fields';
import { DATASETS } from '../open-data/open-data.service';
import { CatalogueService, extractDate } from '../publication/catalogue.service';
import { PublicDrawQueryDto, PublicItemsQueryDto, PublicPlansQueryDto } from '../publication/dto/catalogue.dto';
import { PublicResultsQueryDto } from '../publication/dto/public.dto';
import { PublicService } from '../publication/public.service';
import { PortalResultsQueryDto } from './dto/portal.dto';
import { PORTAL_CSS } from './portal.css';
import { completenessPage } from './pages/completeness.page';
import { drawPage } from './pages/draw.page';
import { entityPage } from './pages/entity.page';
import { homePage } from './pages/home.page';
import { openDataPage } from './pages/open-data.page';
import { planPage } from './pages/plan.page';
import { resultsPage } from './pages/results.page';
import { checkCodePage } from './pages/check-code.page';
import { CheckCodesService } from '../checks/check-codes.service';

const HOME_RESULTS = 10;
const HOME_PLANS = 20;
const DRAW_PAGE_SIZE = 100;

/**
 * The public portal: server-rendered pages in Chinese. It reads only through the services behind
 * the public JSON routes (/public/items, /public/plans, /public/results, /public/entities/{uscc},
 * /public/draws/{id} and …/completeness), so a page can never show more than the open API.
 */
@Injectable()
export class PortalService {
  /** PUBLIC_BASE_URL, for the few absolute links a page shows (never the Host header). */
  private readonly baseUrl: string;

  constructor(
    private readonly catalogue: CatalogueService,
    private readonly publicSide: PublicService,
    private readonly checkCodes: CheckCodesService,
    config: ConfigService<RuntimeConfig, true>,
  ) {
    this.baseUrl = config.get('PUBLIC_BASE_URL', { infer: true });
  }

  async home(): Promise<string> {
    const [items, plans, results] = await Promise.all([
      this.catalogue.items(new PublicItemsQueryDto()),
      this.catalogue.plans(Object.assign(new PublicPlansQueryDto(), { pageNumber: 1, pageSize: HOME_PLANS })),
      this.publicSide.results(Object.assign(new PublicResultsQueryDto(), { pageNumber: 1, pageSize: HOME_RESULTS, sort: 'date_desc' })),
    ]);
    return homePage({ items, plans, results });
  }

  async results(q: PortalResultsQueryDto): Promise<string> {
    const query = Object.assign(new PublicResultsQueryDto(), {
      q: q.q,
      uscc: q.uscc,
      department: q.department,
      item: q.item,
      year: q.year,
      resultCode: q.resultCode,
      from: q.from,
      to: q.to,
      sort: q.sort ?? 'date_desc',
      pageNumber: q.pageNumber ?? 1,
      pageSize: q.pageSize ?? 20,
    });
    const [page, items] = await Promise.all([this.publicSide.results(query), this.catalogue.items(new PublicItemsQueryDto())]);
    const departments = [...new Map(items.items.map((i) => [i.department.id, i.department])).values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    return resultsPage({ query: q, departments, page });
  }

  async entity(uscc: string): Promise<string> {
    const e = await this.publicSide.entity(uscc);
    return entityPage(e, extractDate());
  }

  async plan(id: string): Promise<string> {
    return planPage(await this.catalogue.plan(id));
  }

  /** The draw page: /public/draws/{id} (not the whole transcript, which can be 100 MB), 100 targets a page. */
  async draw(id: string, pageNumber: number): Promise<string> {
    const draw = await this.catalogue.draw(id, Object.assign(new PublicDrawQueryDto(), { pageNumber, pageSize: DRAW_PAGE_SIZE }));
    return drawPage({ draw, transcriptUrl: this.baseUrl + draw.transcriptUrl, baseUrl: this.baseUrl });
  }

  async completeness(id: string): Promise<string> {
    return completenessPage(await this.publicSide.completeness(id));
  }

  /** The open-data page: the files as /public/open-data lists them, each column as the files carry it. */
  openData(): string {
    const datasets = Object.entries(DATASETS).map(([name, description]) => ({ name, description, fields: DATASET_FIELDS[name] ?? [] }));
    return openDataPage({ datasets, licence: OPEN_DATA_LICENCE });
  }

  /** 检查码: the public page the QR code on a 笔录 leads to. */
  async checkCode(code: string): Promise<string> {
    return checkCodePage(await this.checkCodes.publicView(code));
  }

  /** Any other path under /portal/. */
  notFound(): never {
    throw new NotFoundError('页面', 'PAGE_NOT_FOUND');
  }

  stylesheet(): string {
    return PORTAL_CSS;
  }

  private verifier?: string;

  /**
   * The browser verifier of the draw page, built by web/verifier/build.mjs (npm start / npm test)
   * from the same pure draw modules as the server; read once. Missing (not built): a 404 page, and
   * the draw page still works without it (the button only appears when the script runs).
   */
  verifierScript(): string {
    if (this.verifier === undefined) {
      const file = path.join(path.dirname(consoleDir()), 'verifier', 'dist', 'verify-draw.js');
      if (!fs.existsSync(file)) this.notFound();
      this.verifier = fs.readFileSync(file, 'utf8');
    }
    return this.verifier;
  }
}
