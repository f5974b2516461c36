import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { bodyParsers } from './common/http/body-parsers';
import { requestIdMiddleware } from './common/http/request-id';
import { createValidationPipe } from './common/http/validation';
import { RuntimeConfig } from './config/runtime-config';

/**
 * Everything applied to the HTTP application, in one place for main.ts and the e2e tests,
 * so tests exercise exactly what production runs.
 */
export function configureApp(app: NestExpressApplication, config: RuntimeConfig): void {
  app.useLogger(app.get(Logger));
  app.set('trust proxy', config.TRUST_PROXY);
  app.disable('x-powered-by');
  app.use(
    helmet({
      // Swagger UI needs inline styles and scripts. Served over plain HTTP on a LAN (TLS, if any, is
      // a reverse proxy's job), so no HSTS and no upgrade of requests to https unless in production.
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'upgrade-insecure-requests': config.NODE_ENV === 'production' ? [] : null,
        },
      },
      strictTransportSecurity: config.NODE_ENV === 'production',
    }),
  );
  app.use(requestIdMiddleware);
  app.use(...bodyParsers(config.BODY_LIMIT));
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
