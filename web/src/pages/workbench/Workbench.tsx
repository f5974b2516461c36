import { Link } from 'react-router';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../api/client';
import { ErrorResult } from '../../components/ErrorResult';
import { useUser } from '../../app/session';
import { AdminTodo } from '../admin/AdminTodo';

type TodoCount = Schemas['TodoCountDto'];

/** The console page a to-do count opens, with the same filter as the API list route. */
export function consolePathOf(item: TodoCount): string {
  const query = new URLSearchParams(item.query);
  query.delete('departmentId');
  const qs = query.toString() ? `?${query}` : '';
  switch (item.route) {
    case '/legal-reviews/queue':
      return '/legal-reviews';
    case '/draws/{id}/tasks':
      return item.drawIds[0] ? `/draws/${item.drawIds[0]}${qs}` : '/plans';
    case '/inspectors/expiring-certificates':
      return `/inspectors?expiring=${item.query.withinDays ?? ''}`;
    default:
      return `${item.route}${qs}`;
  }
}

/** 工作台: what needs doing, each count linking to the filtered list (console.md). */
export default function Workbench() {
  const user = useUser();
  const todo = useQuery({ queryKey: ['dashboard', 'todo'], queryFn: () => call(api.GET('/dashboard/todo')) });
  if (todo.isPending) return <Skeleton active />;
  if (todo.isError) return <ErrorResult error={todo.error} onRetry={() => void todo.refetch()} />;
  const items = todo.data.items;
  const pending = items.filter((i) => i.count > 0);
  return (
    <section aria-labelledby="todo-title">
      <Typography.Title level={4} id="todo-title">
        待办事项
      </Typography.Title>
      <Typography.Paragraph type="secondary">今天是 {todo.data.today}（北京时间）。数字为需要处理的条数，点击进入对应列表。</Typography.Paragraph>
      {user.role === 'admin' && <AdminTodo />}
      {pending.length === 0 && <Alert type="success" showIcon title="当前没有待办事项" style={{ marginBottom: 16 }} />}
      {items.length === 0 ? (
        <Empty description="暂无待办" />
      ) : (
        <Row gutter={[16, 16]}>
          {items.map((item) => (
            <Col key={item.key} xs={24} sm={12} xl={8}>
              <Link to={consolePathOf(item)} aria-label={`${item.label} ${item.count} 条`} data-testid={`todo-${item.key}`}>
                <Card hoverable size="small" style={{ borderLeft: `4px solid ${item.count > 0 ? '#d97706' : '#d1d5db'}` }}>
                  <Statistic title={item.label} value={item.count} suffix="条" />
                  <Typography.Text type="secondary">{item.count > 0 ? '去处理 →' : '无需处理'}</Typography.Text>
                </Card>
              </Link>
            </Col>
          ))}
        </Row>
      )}
    </section>
  );
}
