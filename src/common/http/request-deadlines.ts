import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { RuntimeConfig } from '../../config/runtime-config';

type TimeoutConfig = Pick<RuntimeConfig, 'HTTP_HEADERS_TIMEOUT_MS' | 'HTTP_REQUEST_TIMEOUT_MS' | 'HTTP_UPLOAD_TIMEOUT_MS' | 'HTTP_KEEP_ALIVE_TIMEOUT_MS'>;

const DEADLINE = Symbol('bodyDeadline');

interface Deadline {
  timer: NodeJS.Timeout;
  uploadMs: number;
  fire: () => void;
}

type TimedRequest = IncomingMessage & { [DEADLINE]?: Deadline; id?: unknown };

/**
 * The server's timeouts, set deliberately rather than left at Node's (a body may take 300 s, so a
 * few hundred slow senders hold connections for minutes):
 * - headers must arrive within HTTP_HEADERS_TIMEOUT_MS (Node answers 408 and closes);
 * - a body within HTTP_REQUEST_TIMEOUT_MS of the request's start (408 REQUEST_TIMEOUT, closed),
 *   except an upload a route has accepted (allowSlowUpload, after authentication): it gets
 *   HTTP_UPLOAD_TIMEOUT_MS, so the largest import or evidence file can come over a slow link;
 * - Node's own requestTimeout is the upload limit, as a backstop for every connection;
 * - idle keep-alive connections close after HTTP_KEEP_ALIVE_TIMEOUT_MS.
 */
export function applyServerTimeouts(server: Server, config: TimeoutConfig): void {
  server.headersTimeout = config.HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = Math.max(config.HTTP_UPLOAD_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS, config.HTTP_HEADERS_TIMEOUT_MS);
  server.keepAliveTimeout = config.HTTP_KEEP_ALIVE_TIMEOUT_MS;
  // How often Node checks the two limits above (default 30 s, which would stretch a 20 s limit to 50 s).
  // Read when the server starts listening.
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(100, Math.min(5_000, Math.floor(config.HTTP_HEADERS_TIMEOUT_MS / 4)));
  // Before Express: one timer per request that has a body, none for the (public) GETs.
  server.prependListener('request', (req: TimedRequest, res: ServerResponse) => {
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) return;
    if (req.headers['content-length'] === '0') return;
    const fire = () => bodyTimedOut(req, res);
    const deadline: Deadline = { timer: setTimeout(fire, config.HTTP_REQUEST_TIMEOUT_MS), uploadMs: config.HTTP_UPLOAD_TIMEOUT_MS, fire };
    req[DEADLINE] = deadline;
    const done = () => clearTimeout(deadline.timer);
    req.once('end', done);
    req.once('close', done);
  });
}

/**
 * An upload route that has authenticated and authorised its caller lets the body take up to
 * HTTP_UPLOAD_TIMEOUT_MS from now (anonymous senders never get more than HTTP_REQUEST_TIMEOUT_MS).
 */
export function allowSlowUpload(req: IncomingMessage): void {
  const deadline = (req as TimedRequest)[DEADLINE];
  if (!deadline || req.complete) return;
  clearTimeout(deadline.timer);
  deadline.timer = setTimeout(deadline.fire, deadline.uploadMs);
}

function bodyTimedOut(req: TimedRequest, res: ServerResponse): void {
  if (req.complete) return;
  if (!res.headersSent) {
    const body = JSON.stringify({ statusCode: 408, code: 'REQUEST_TIMEOUT', message: '请求体传输超时，连接已关闭', requestId: String(req.id ?? res.getHeader('x-request-id') ?? '') });
    res.writeHead(408, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close' });
    res.end(body, () => req.socket.destroy());
  } else {
    req.socket.destroy();
  }
}
