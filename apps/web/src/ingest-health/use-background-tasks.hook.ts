import { useCallback } from 'react';
import { useApiQuery, type ApiQueryState } from '../shared/use-api-query.hook';
import { useKeptAnswer } from '../shared/use-kept-answer.hook';
import { fetchBackgroundTasks } from './background-tasks-api';
import type { TaskProgress } from './background-tasks.util';

type UseBackgroundTasksOptions = { token: string; onUnauthorized: () => void; refreshedAt: number | null };

// Asked again whenever the page's 5-second figures are (refreshedAt moves), so pausing the page
// pauses this too; the previous answer stays on screen meanwhile so the table does not blink.
export function useBackgroundTasks({ token, onUnauthorized, refreshedAt }: UseBackgroundTasksOptions): ApiQueryState<TaskProgress[]> & { stale: boolean } {
  const load = useCallback((signal: AbortSignal) => fetchBackgroundTasks({ token, signal }), [token]);
  const query = useApiQuery({ requestKey: `background-tasks|${refreshedAt ?? 'first'}`, load, onUnauthorized });
  return useKeptAnswer(query);
}
