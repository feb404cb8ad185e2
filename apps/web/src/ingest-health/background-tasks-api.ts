import { type RequestOptions, sendJson } from '../api/api-client';
import { parseBackgroundTasks, type TaskProgress } from './background-tasks.util';

export function fetchBackgroundTasks(options: RequestOptions): Promise<TaskProgress[]> {
  return sendJson({ ...options, method: 'GET', path: '/ingest/tasks', parse: parseBackgroundTasks, acceptedStatuses: [200] });
}
