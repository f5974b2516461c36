import { Form, Input, Select } from 'antd';
import { DateField } from '../admin/shared';

export interface InspectorFormValues {
  departmentId?: string;
  name: string;
  certificateNumber: string;
  issuingAuthority: string;
  certificateValidFrom: string;
  certificateValidUntil: string;
  domains: string[];
  unit?: string;
}

export const INSPECTOR_FIELDS = ['departmentId', 'name', 'certificateNumber', 'issuingAuthority', 'certificateValidFrom', 'certificateValidUntil', 'domains', 'unit'] as const;

/** The fields of an inspector, shared by 新增 and 修改 (the certificate number cannot change). */
export function InspectorFields({ creating, departments }: { creating: boolean; departments?: { value: string; label: string }[] }) {
  return (
    <>
      {creating && departments && (
        <Form.Item label="所属部门" name="departmentId" rules={[{ required: true, message: '请选择所属部门' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={departments} />
        </Form.Item>
      )}
      <Form.Item label="姓名" name="name" rules={[{ required: true, message: '请输入姓名' }]}>
        <Input autoComplete="off" />
      </Form.Item>
      {creating && (
        <Form.Item label="执法证号" name="certificateNumber" rules={[{ required: true, message: '请输入执法证号' }, { min: 3, message: '至少 3 位' }]}>
          <Input autoComplete="off" className="mono" />
        </Form.Item>
      )}
      <Form.Item label="发证机关" name="issuingAuthority" rules={[{ required: true, message: '请输入发证机关' }, { min: 2, message: '至少 2 个字' }]}>
        <Input autoComplete="off" placeholder="如：天津市人民政府" />
      </Form.Item>
      <Form.Item label="执法证有效期起" name="certificateValidFrom" rules={[{ required: true, message: '请选择起始日' }]}>
        <DateField />
      </Form.Item>
      <Form.Item label="执法证有效期止" name="certificateValidUntil" rules={[{ required: true, message: '请选择截止日' }]}>
        <DateField />
      </Form.Item>
      <Form.Item label="执法领域" name="domains" extra="与检查事项的执法领域一致才能被抽中，如“实验动物”；输入后回车，可填多个" rules={[{ required: true, message: '请至少填写一个执法领域' }]}>
        <Select mode="tags" tokenSeparators={['，', ',', '、']} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item label="所在单位（科室）" name="unit" extra="抽取时不安排检查本单位监管的对象">
        <Input autoComplete="off" placeholder="如：第一监管所" />
      </Form.Item>
    </>
  );
}
