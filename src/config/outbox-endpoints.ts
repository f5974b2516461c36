import { EVENT_FORMAT, FORMATS, Mapping, mappingProblems } from '../outbox/event-format';

/** A supervision platform that receives publication events. */
export interface OutboxEndpoint {
  name: string;
  url: string;
  /** HMAC-SHA256 key shared with the platform. */
  secret: string;
  /** The body's format: ssgk-event-v1 (default, our envelope), a preset mapping (tianjin-scjg-v1), or custom with `mapping`. */
  format: string;
  mapping?: Mapping;
}

/** OUTBOX_ENDPOINTS: a JSON array of {name, url, secret, format?, mapping?}; returns the problems found, or the endpoints. */
export function parseOutboxEndpoints(raw: string | undefined): { endpoints: OutboxEndpoint[]; problems: string[] } {
  if (!raw) return { endpoints: [], problems: [] };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { endpoints: [], problems: ['must be a JSON array of {"name","url","secret"}'] };
  }
  if (!Array.isArray(value)) return { endpoints: [], problems: ['must be a JSON array of {"name","url","secret"}'] };
  const problems: string[] = [];
  const endpoints: OutboxEndpoint[] = [];
  value.forEach((e: unknown, i) => {
    const o = (e ?? {}) as Record<string, unknown>;
    if (typeof o.name !== 'string' || !o.name.trim() || o.name.length > 100) problems.push(`[${i}].name must be 1–100 characters`);
    if (typeof o.url !== 'string' || !/^https?:\/\/\S+$/.test(o.url)) problems.push(`[${i}].url must be an http(s) URL`);
    if (typeof o.secret !== 'string' || o.secret.length < 16) problems.push(`[${i}].secret must be at least 16 characters`);
    const format = o.format ?? EVENT_FORMAT;
    if (typeof format !== 'string' || !(FORMATS as readonly string[]).includes(format)) problems.push(`[${i}].format must be one of ${FORMATS.join(', ')}`);
    else if (format === 'custom') problems.push(...mappingProblems(o.mapping).map((p) => `[${i}].${p}`));
    else if (o.mapping !== undefined) problems.push(`[${i}].mapping is only read with format "custom"`);
    if (!problems.length) endpoints.push({ name: (o.name as string).trim(), url: o.url as string, secret: o.secret as string, format: format as string, ...(format === 'custom' ? { mapping: o.mapping as Mapping } : {}) });
  });
  if (new Set(endpoints.map((e) => e.name)).size !== endpoints.length) problems.push('names must be distinct');
  return { endpoints: problems.length ? [] : endpoints, problems };
}
