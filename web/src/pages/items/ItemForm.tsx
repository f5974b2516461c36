import { Col, Form, Input, InputNumber, Radio, Row, Select } from 'antd';
import type { Schemas } from '../../api/client';
import { ITEM_CATEGORY_LABELS, ITEM_METHOD_LABELS } from '../../app/labels-directories';
import { errorForForm, lines, textOrUndefined } from '../../components/directoryParams';

type ItemDto = Schemas['ItemDto'];

/** What the item form holds: check points and target filters as one line per entry. */
export interface ItemFormValues {
  code?: string;
  name?: string;
  legalBasis?: string;
  subItems?: string;
  category?: 'key' | 'general';
  method?: 'on_site' | 'documentary' | 'online';
  targetType?: string;
  enforcementDomain?: string;
  frequency?: string;
  defaultRatios?: { A?: number; B?: number; C?: number; D?: number };
  licenceTypes?: string;
  industryCodes?: string;
  districts?: string;
  changeNote?: string;
}

export const ITEM_FORM_FIELDS = ['code', 'name', 'legalBasis', 'subItems', 'category', 'method', 'targetType', 'enforcementDomain', 'frequency', 'defaultRatios', 'targetFilter', 'licenceTypes', 'industryCodes', 'districts', 'changeNote', 'baseVersion'];

export const NEW_ITEM_DEFAULTS: ItemFormValues = { category: 'general', method: 'on_site', frequency: '每年一次', defaultRatios: { A: 3, B: 5, C: 20, D: 100 } };

export function formValuesOf(item: ItemDto): ItemFormValues {
  return {
    name: item.name,
    legalBasis: item.legalBasis,
    subItems: item.subItems.join('\n'),
    category: item.category,
    method: item.method,
    targetType: item.targetType,
    enforcementDomain: item.enforcementDomain,
    frequency: item.frequency,
    defaultRatios: { ...item.defaultRatios },
    licenceTypes: (item.targetFilter.licenceTypes ?? []).join('\n'),
    industryCodes: (item.targetFilter.industryCodes ?? []).join('\n'),
    districts: (item.targetFilter.districts ?? []).join('\n'),
  };
}

/** The item's content as the API takes it (empty fields left out, so the API names what is missing). */
export function contentOf(v: ItemFormValues) {
  const r = v.defaultRatios ?? {};
  return {
    name: textOrUndefined(v.name),
    legalBasis: textOrUndefined(v.legalBasis),
    subItems: lines(v.subItems),
    category: v.category,
    method: v.method,
    targetType: textOrUndefined(v.targetType),
    enforcementDomain: textOrUndefined(v.enforcementDomain),
    frequency: textOrUndefined(v.frequency),
    defaultRatios: { A: r.A, B: r.B, C: r.C, D: r.D } as Schemas['RatiosDto'],
    targetFilter: { licenceTypes: lines(v.licenceTypes), industryCodes: lines(v.industryCodes), districts: lines(v.districts) },
  };
}

/** API field paths → the form's fields (a list entry's error goes under its textarea). */
export function itemErrorForForm(error: unknown): unknown {
  return errorForForm(error, (f) =>
    f.startsWith('subItems')
      ? 'subItems'
      : f.startsWith('targetFilter.')
        ? f.slice('targetFilter.'.length).replace(/\[\d+\]$/, '')
        : f.startsWith('defaultRatios.')
          ? f
          : f.replace(/\[\d+\].*$/, ''),
  );
}

/**
 * The fields of an item. Required marks without client rules: the API's own Chinese message shows
 * under the field (one source of truth for what an item needs).
 */
export function ItemFields({ withCode, withChangeNote }: { withCode: boolean; withChangeNote: boolean }) {
  return (
    <>
      <Row gutter={16}>
        {withCode && (
          <Col xs={24} md={8}>
            <Form.Item label="事项编码" name="code" required extra="字母、数字、_ . -，本部门内唯一">
              <Input className="mono" autoComplete="off" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} md={withCode ? 16 : 24}>
          <Form.Item label="事项名称" name="name" required>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item label="抽查依据" name="legalBasis" required extra="法律、法规、规章的名称和条款">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
      </Form.Item>
      <Form.Item label="检查内容（检查要点，每行一项）" name="subItems">
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="事项类别" name="category" required>
            <Radio.Group options={Object.entries(ITEM_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="检查方式" name="method" required>
            <Select options={Object.entries(ITEM_METHOD_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="抽查频次" name="frequency" required>
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="抽查对象" name="targetType" required extra="如：实验动物使用单位">
            <Input />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="执法领域" name="enforcementDomain" required extra="执法人员须具备该领域方可被抽中">
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={{ fontSize: 14, marginBottom: 8 }}>默认抽查比例（%，按信用风险分类）</legend>
        <Row gutter={16}>
          {(['A', 'B', 'C', 'D'] as const).map((cls) => (
            <Col xs={12} md={6} key={cls}>
              <Form.Item label={`${cls} 类`} name={['defaultRatios', cls]} required>
                <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} suffix="%" />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </fieldset>
      <Row gutter={16}>
        <Col xs={24} md={8}>
          <Form.Item label="限定许可证类型（每行一项，可空）" name="licenceTypes">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="限定行业代码（每行一项，可空）" name="industryCodes">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} className="mono" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="限定区域（每行一项，可空）" name="districts">
            <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
          </Form.Item>
        </Col>
      </Row>
      {withChangeNote && (
        <Form.Item label="修改说明" name="changeNote" extra="将与新版本一同公开">
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
      )}
    </>
  );
}
