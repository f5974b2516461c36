import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { publicCors } from './common/http/cors';
import { frontDoor } from './common/http/front-door';
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
  app.useGlobalPipes(createValidationPipe());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('双随机、一公开 inspection tracker API')
      .setDescription('Directories, verifiable random draws, on-site checks, publication and annual figures. Errors: { statusCode, code, message, details?, requestId }.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json' });
}
