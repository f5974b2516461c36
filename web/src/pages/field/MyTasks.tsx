import { lazy, Suspense, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { withAntd } from '../../app/antdLoad';
import { EmptyNote, Notice, Spinner } from '../../components/plain';
import { formatDateTime } from '../../components/format';
import { useUser } from '../../app/session';
import { deviceCopyTime, keepForOffline, useMyTasks, useMyTasksCopy, type FieldTask } from './fieldData';
import { groupTasks, isOpenForTeam } from './taskGroups';
import { AddressLine, RecordTag, TeamList, WindowLine } from './TaskSummary';
import './field.css';

// This page is in the console's first script (the inspector's home on a phone, often on 3G): it is kept
// to light parts — plain elements for cards and notes, antd's Result (error illustrations) only on error.
const ErrorResult = lazy(withAntd(() => import('../../components/ErrorResult')));

function TaskCard({ task, today, me }: { task: FieldTask; today: string; me: string | null }) {
  const action = !task.record ? '开始检查' : isOpenForTeam(task) ? '继续填写' : '查看记录';
  const leader = task.team.find((m) => m.leader);
  const navigate = useNavigate();
  return (
    <article className="field-task-card" aria-label={task.entity.name}>
      <h3>{task.entity.name}</h3>
      <div className="field-meta">
        <RecordTag task={task} />
        <WindowLine task={task} today={today} />
      </div>
      <div style={{ margin: '4px 0' }}>
        <AddressLine task={task} />
      </div>
      <div className="field-meta">
        <span>{task.planName}</span>
        <span>事项：{task.items.map((i) => i.name).join('、')}</span>
      </div>
      <details style={{ margin: '4px 0 8px' }}>
        <summary style={{ minHeight: 32, cursor: 'pointer' }}>
          检查组 {task.team.length} 人{leader ? `，组长 ${leader.name}` : ''}
        </summary>
        <TeamList task={task} me={me} />
      </details>
      {/* A real link (new tab, long press work), navigating inside the app on a plain click. */}
      <a
        className={`plain-btn plain-btn-block plain-btn-large${isOpenForTeam(task) ? ' plain-btn-primary' : ''}`}
        href={`/console/tasks/${task.id}`}
        aria-label={`${action}：${task.entity.name}`}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey) return;
          e.preventDefault();
          void navigate(`/tasks/${task.id}`);
        }}
      >
        {action}
      </a>
    </article>
  );
}

/** 我的任务: the checks my teams were drawn for, by what is due (phone first). */
export default function MyTasks() {
  const tasks = useMyTasks();
  // While the server's answer is on its way (two round trips on 3G), the copy this device kept.
  const copy = useMyTasksCopy(useUser().id, tasks.isPending);
  const early = tasks.isPending ? copy.data : null;
  const [keptAt, setKeptAt] = useState<string | null>(null);
  const offlineCopy = tasks.data ? deviceCopyTime('myTasks') : undefined;
  useEffect(() => {
    // Fresh from the server: everything a check needs is kept on the device, for the basement without signal.
    if (!tasks.data || deviceCopyTime('myTasks')) return;
    let alive = true;
    void keepForOffline(tasks.data.items)
      .then((at) => alive && setKeptAt(at))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [tasks.data, tasks.dataUpdatedAt]);
  if (tasks.isPending && !early)
    return (
      <div className="field-page" style={{ padding: 24, textAlign: 'center' }}>
        <Spinner label="正在读取任务…" />
      </div>
    );
  if (tasks.isError)
    return (
      <Suspense fallback={null}>
        <ErrorResult error={tasks.error} onRetry={() => void tasks.refetch()} />
      </Suspense>
    );
  const { items, notice, today, inspectorId, meta } = tasks.data ?? early!.value;
  const groups = groupTasks(items, today);
  return (
    <div className="field-page">
      {notice && <Notice type="warning" title={notice} alert />}
      {offlineCopy && (
        <Notice type="warning" title={`离线：显示本机保存的任务（更新于 ${formatDateTime(offlineCopy)}）`}>
          填写的检查记录和照片保存在本机，联网后自动发送。
        </Notice>
      )}
      {early && (
        <p className="field-secondary" style={{ margin: '0 0 4px', fontSize: 13 }} role="status" data-testid="device-copy">
          本机保存的任务（更新于 {formatDateTime(early.savedAt)}），正在联网更新…
        </p>
      )}
      {!offlineCopy && keptAt && (
        <p className="field-secondary" style={{ margin: '0 0 4px', fontSize: 13 }} data-testid="offline-ready">
          已保存到本机，离线可用（{formatDateTime(keptAt)}）
        </p>
      )}
      {!notice && (
        <p className="field-secondary" style={{ margin: '0 0 4px' }}>
          今天是 {today}（北京时间），共 {meta.totalCount} 项任务。
        </p>
      )}
      {!notice && items.length === 0 && <EmptyNote>暂无检查任务。抽查计划抽取后，分配给您的任务会显示在这里。</EmptyNote>}
      {meta.totalCount > items.length && <Notice type="info" title={`仅显示最近的 ${items.length} 项任务`} />}
      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`group-${g.key}`}>
          <h2 className="field-group-title" id={`group-${g.key}`}>
            {g.label}（{g.tasks.length}）
          </h2>
          {g.tasks.map((t) => (
            <TaskCard key={t.id} task={t} today={today} me={inspectorId} />
          ))}
        </section>
      ))}
    </div>
  );
}
