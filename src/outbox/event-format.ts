/**
 * What a platform receives: our event envelope (ssgk-event-v1, docs/schemas/outbox-event-v1.schema.json)
 * or the envelope mapped to the platform's own fields. Pure.
 *
 * A mapping is an object { targetField: sourcePath }. A source path is a dotted path into the
 * envelope ("data.result.entity.uscc"); "[]" after a name maps over an array
 * ("data.result.inspectors[].name" gives the array of names). A path that is absent gives null. Every
 * mapped payload carries the event version as `eventVersion`, whatever the mapping says.
 */

/** The envelope's version: bumped when a field changes meaning or disappears (adding one does not). */
export const EVENT_VERSION = 1;
export const EVENT_FORMAT = 'ssgk-event-v1';

export interface EventEnvelope {
  id: string;
  kind: string;
  version: number;
  occurredAt: string;
  data: Record<string, unknown>;
}

export function envelope(id: string, kind: string, occurredAt: Date, data: Record<string, unknown>): EventEnvelope {
  return { id, kind, version: EVENT_VERSION, occurredAt: occurredAt.toISOString(), data };
}

export type Mapping = Record<string, string>;

/**
 * The 市监管平台 format as we map it (`format: "tianjin-scjg-v1"`): the field names of the city's
 * supervision platform interface for 双随机抽查结果 as given to us. If the platform's interface differs,
 * configure `format: "custom"` with a `mapping` of its own — no code change (docs/publication.md).
 */
export const PRESET_MAPPINGS: Record<string, Mapping> = {
  'tianjin-scjg-v1': {
    sjbh: 'id',
    sjlx: 'kind',
    sjbb: 'version',
    fssj: 'occurredAt',
    gkbh: 'data.publicationId',
    gkbb: 'data.recordVersion',
    gkzt: 'data.state',
    gksj: 'data.publishedAt',
    gzyy: 'data.correctionReason',
    chyy: 'data.withdrawnReason',
    tyshxydm: 'data.result.entity.uscc',
    dwmc: 'data.result.entity.name',
    dwdz: 'data.result.entity.address',
    jcbm: 'data.result.department.name',
    jcsxbm: 'data.result.items[].code',
    jcsx: 'data.result.items[].name',
    jcyj: 'data.result.items[].legalBasis',
    jcrq: 'data.result.inspectionDate',
    zfry: 'data.result.inspectors[].name',
    zfzh: 'data.result.inspectors[].certificateNumber',
    jcjgdm: 'data.result.results[].code',
    jcjg: 'data.result.results[].label',
    zgsl: 'data.result.rectification.ordered',
    zgwc: 'data.result.rectification.rectified',
    zgzt: 'data.result.rectification.orders[].state',
    zgfcrq: 'data.result.rectification.orders[].followedUpOn',
    jhgk: 'data.publication',
  },
};

export const FORMATS = [EVENT_FORMAT, ...Object.keys(PRESET_MAPPINGS), 'custom'] as const;

const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/;

/** Problems of a mapping (empty when it is usable). */
export function mappingProblems(mapping: unknown): string[] {
  if (!mapping || typeof mapping !== 'object' || Array.isArray(mapping)) return ['mapping must be an object of {"targetField": "source.path"}'];
  const entries = Object.entries(mapping as Record<string, unknown>);
  if (!entries.length) return ['mapping must name at least one field'];
  const out: string[] = [];
  for (const [target, path] of entries) {
    if (typeof path !== 'string' || !path.split('.').every((s) => SEGMENT.test(s))) out.push(`mapping.${target} must be a dotted path such as "data.result.entity.uscc" ("[]" maps over an array)`);
  }
  return out;
}

/** The value at a path; "[]" maps the rest of the path over an array. */
export function pick(source: unknown, path: string): unknown {
  const segments = path.split('.');
  const walk = (value: unknown, i: number): unknown => {
    if (i === segments.length) return value ?? null;
    if (value === null || typeof value !== 'object') return null;
    const segment = segments[i];
    const many = segment.endsWith('[]');
    const next = (value as Record<string, unknown>)[many ? segment.slice(0, -2) : segment];
    if (!many) return walk(next, i + 1);
    return Array.isArray(next) ? next.map((v) => walk(v, i + 1)) : null;
  };
  return walk(source, 0);
}

export function applyMapping(e: EventEnvelope, mapping: Mapping): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [target, path] of Object.entries(mapping)) out[target] = pick(e, path);
  out.eventVersion = e.version;
  return out;
}

/** The request body for an endpoint in its format. */
export function renderBody(e: EventEnvelope, endpoint: { format?: string; mapping?: Mapping }): string {
  const format = endpoint.format ?? EVENT_FORMAT;
  if (format === EVENT_FORMAT) return JSON.stringify(e);
  const mapping = format === 'custom' ? endpoint.mapping! : PRESET_MAPPINGS[format];
  return JSON.stringify(applyMapping(e, mapping));
}
