import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Form, Input } from 'antd';
import { api, call } from '../../api/client';
import { ROLE_LABELS } from '../../app/labels';
import { useSession, useUser } from '../../app/session';
import { applyApiError } from '../../components/forms';

/** 个人设置: who I am, and changing my password (which ends every session of this account). */
export default function Account() {
  const user = useUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (values: { currentPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      await call(api.POST('/auth/password', { body: { currentPassword: values.currentPassword, newPassword: values.newPassword } }));
      message.success('密码已修改，请用新密码重新登录');
      await logout();
      void navigate('/login', { replace: true });
    } catch (err) {
      setError(applyApiError(form, err, ['currentPassword', 'newPassword']));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Card title="账号信息" style={{ marginBottom: 16, maxWidth: 640 }}>
        <Descriptions column={1} items={[
          { key: 'u', label: '用户名', children: <span className="mono">{user.username}</span> },
          { key: 'n', label: '姓名', children: user.displayName },
          { key: 'r', label: '角色', children: ROLE_LABELS[user.role] },
        ]} />
      </Card>
      <Card title="修改密码" style={{ maxWidth: 640 }}>
        <Alert type="info" showIcon title="修改密码后，本账号在所有设备上的登录都将失效。" style={{ marginBottom: 16 }} />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        <Form form={form} layout="vertical" onFinish={onFinish} requiredMark>
          <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Form.Item label="新密码" name="newPassword" rules={[{ required: true, message: '请输入新密码' }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item
            label="确认新密码"
            name="confirm"
            dependencies={['newPassword']}
            rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            修改密码
          </Button>
        </Form>
      </Card>
    </>
  );
}
