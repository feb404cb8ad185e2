import { formatCount, formatUtcInstant, NO_DATA } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import {
  formatEta,
  formatPercent,
  formatTaskRate,
  progressValueText,
  type TaskProgress,
  taskKindLabel,
  taskStatusText,
} from './background-tasks.util';
import { useBackgroundTasks } from './use-background-tasks.hook';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

type BackgroundTasksPanelProps = { token: string; onUnauthorized: () => void; refreshedAt: number | null };

export function BackgroundTasksPanel({ token, onUnauthorized, refreshedAt }: BackgroundTasksPanelProps) {
  const tasks = useBackgroundTasks({ token, onUnauthorized, refreshedAt });
  return (
    <section className="panel" aria-labelledby="background-tasks-heading" data-testid="background-tasks">
      <h2 id="background-tasks-heading">Background tasks{tasks.stale ? ' (last known values)' : ''}</h2>
      <p className="panel__note">
        Code-map re-maps and KPI rebuilds running now or finished in the last day. KPIs do not reflect a re-map until it
        completes.
      </p>
      <QueryState query={tasks} what="the background tasks">
        {(data) =>
          data.length === 0 ? (
            <p className="panel__placeholder">No background task in the last day.</p>
          ) : (
            <div className="table-scroll">
              <SortableTable
                label="Background tasks"
                columns={TASK_COLUMNS}
                rows={data}
                rowKey={(task) => task.id}
                renderRow={(task) => (
                    <TaskRow key={task.id} task={task} />
                  )}
              />
            </div>
          )
        }
      </QueryState>
    </section>
  );
}

const TASK_COLUMNS: readonly SortableColumn<TaskProgress>[] = [
  { id: 'task', label: 'Task', sortValue: (task) => taskKindLabel(task.kind) },
  { id: 'status', label: 'Status', sortValue: (task) => task.status },
  { id: 'progress', label: 'Progress', sortValue: (task) => task.percent },
  { id: 'rate', label: 'Rate', numeric: true, sortValue: (task) => task.rate },
  { id: 'eta', label: 'Time left', numeric: true, sortValue: (task) => task.etaSeconds },
  { id: 'started', label: 'Started', sortValue: (task) => Date.parse(task.startedAt) },
  { id: 'finished', label: 'Finished', sortValue: (task) => (task.finishedAt === null ? null : Date.parse(task.finishedAt)) },
];

function TaskRow({ task }: { task: TaskProgress }) {
  const kind = taskKindLabel(task.kind);
  return (
    <tr data-task-status={task.status} data-task-kind={task.kind}>
      <th scope="row">
        {kind}
        <span className="data-table__detail">
          {task.label}
          {task.phase !== null ? ` · ${task.phase}` : ''}
        </span>
        {task.error !== null ? <span className="data-table__detail data-table__bad">{task.error}</span> : null}
      </th>
      <td>
        <span className={`task-status task-status--${task.status}`}>{taskStatusText(task.status)}</span>
      </td>
      <td>
        <div
          className="task-progress"
          role="progressbar"
          aria-label={`Progress of ${kind} ${task.label}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={task.percent}
          aria-valuetext={progressValueText(task)}
        >
          <div className={`task-progress__bar task-progress__bar--${task.status}`} style={{ width: `${task.percent}%` }} />
        </div>
        <span className="data-table__detail">
          {formatPercent(task.percent)} · {formatCount(task.done)} of {formatCount(task.total)}
        </span>
      </td>
      <td className="data-table__number">{formatTaskRate(task.rate)}</td>
      <td className="data-table__number">{formatEta(task.etaSeconds)}</td>
      <td>{formatUtcInstant(task.startedAt)}</td>
      <td>{task.finishedAt !== null ? formatUtcInstant(task.finishedAt) : NO_DATA}</td>
    </tr>
  );
}
