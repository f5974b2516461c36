import { parseOutboxEndpoints } from '../config/outbox-endpoints';
import { applyMapping, envelope, EVENT_VERSION, mappingProblems, pick, PRESET_MAPPINGS, renderBody } from './event-format';

const e = envelope('00000000-0000-4000-8000-000000000001', 'publication.published', new Date('2024-05-08T02:00:00Z'), {
  state: 'published',
  result: { entity: { uscc: '91120116MA05JXXX0A', name: '甲公司' }, inspectors: [{ name: '张三' }, { name: '李四' }], results: [{ code: 'NO_PROBLEM', label: '未发现问题' }] },
});

describe('event formats', () => {
  it('sends our envelope with its version by default', () => {
    expect(JSON.parse(renderBody(e, { format: 'ssgk-event-v1' }))).toEqual({ id: e.id, kind: 'publication.published', version: EVENT_VERSION, occurredAt: '2024-05-08T02:00:00.000Z', data: e.data });
  });

  it('maps paths, arrays and absent fields; the event version is always there', () => {
    const table: [string, unknown][] = [
      ['data.result.entity.uscc', '91120116MA05JXXX0A'],
      ['data.result.inspectors[].name', ['张三', '李四']],
      ['data.result.missing.field', null],
      ['data.state[].x', null],
      ['version', 1],
    ];
    for (const [path, value] of table) expect(pick(e, path)).toEqual(value);
    expect(applyMapping(e, { code: 'data.result.entity.uscc' })).toEqual({ code: '91120116MA05JXXX0A', eventVersion: EVENT_VERSION });
    const city = JSON.parse(renderBody(e, { format: 'tianjin-scjg-v1' }));
    expect(city).toMatchObject({ sjbh: e.id, sjbb: 1, eventVersion: 1, tyshxydm: '91120116MA05JXXX0A', zfry: ['张三', '李四'], jcjg: ['未发现问题'], chyy: null });
    expect(Object.keys(city)).toHaveLength(Object.keys(PRESET_MAPPINGS['tianjin-scjg-v1']).length + 1);
    expect(JSON.parse(renderBody(e, { format: 'custom', mapping: { dm: 'data.result.entity.uscc' } }))).toEqual({ dm: '91120116MA05JXXX0A', eventVersion: 1 });
  });

  it('refuses endpoints with an unknown format or a bad mapping', () => {
    const one = (extra: object) => parseOutboxEndpoints(JSON.stringify([{ name: '市监管平台', url: 'https://x.invalid/h', secret: '0123456789abcdef', ...extra }]));
    expect(one({}).endpoints[0].format).toBe('ssgk-event-v1');
    expect(one({ format: 'tianjin-scjg-v1' }).endpoints[0].format).toBe('tianjin-scjg-v1');
    expect(one({ format: 'xml' }).problems[0]).toMatch(/format must be one of/);
    expect(one({ format: 'custom' }).problems[0]).toMatch(/mapping must be an object/);
    expect(one({ format: 'custom', mapping: { a: 'data..x' } }).problems[0]).toMatch(/mapping\.a must be a dotted path/);
    expect(one({ mapping: { a: 'id' } }).problems[0]).toMatch(/only read with format "custom"/);
    expect(mappingProblems({})).toEqual(['mapping must name at least one field']);
  });
});
