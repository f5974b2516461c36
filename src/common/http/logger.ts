import { Params } from 'nestjs-pino';
import { requestId } from './request-id';

/** Structured JSON logs, one line per event, each with the request id; secrets redacted. */
export function loggerParams(level: string): Params {
  return {
    pinoHttp: {
      level,
      genReqId: requestId,
      customAttributeKeys: { reqId: 'requestId' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'], censor: '[redacted]' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health/') },
    },
  };
}
