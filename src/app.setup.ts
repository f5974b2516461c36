import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { consoleStatic } from './common/http/console-static';
import { publicCors } from './common/http/cors';
import { frontDoor } from './common/http/front-door';
import { createOpenApiDocument } from './common/http/openapi-document';
import { AppLogger, createLogger } from './common/http/logger';
import { applyServerTimeouts } from './common/http/request-deadlines';
import { routeTable } from './common/http/route-table';
import { createValidationPipe } from './common/http/validation';
import { RuntimeConfig } from './config/runtime-config';

/**
 * Everything applied to the HTTP application, in one place for main.ts and the e2e tests,
 * so tests exercise exactly what production runs.
 */
export function configureApp(app: NestExpressApplication, config: RuntimeConfig): void {
  const logger = createLogger(config.LOG_LEVEL);
  app.useLogger(new AppLogger(logger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  applyServerTimeouts(app.getHttpServer(), config);
  app.use(frontDoor(config, logger, publicCors(routeTable(app))));
  app.use('/console', consoleStatic());
  app.useGlobalPipes(createValidationPipe());

  SwaggerModule.setup('api/docs', app, createOpenApiDocument(app), { jsonDocumentUrl: 'api/openapi.json' });
}
