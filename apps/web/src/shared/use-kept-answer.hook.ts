import { useState } from 'react';
import type { ApiQueryState } from './use-api-query.hook';

/**
 * Keeps the previous answer on screen while a query asks again, so a refreshing table or chart does
 * not blink back to "loading"; a failed refresh keeps the last answer too, flagged as stale.
 */
export function useKeptAnswer<T>(query: ApiQueryState<T>): ApiQueryState<T> & { stale: boolean } {
  const [last, setLast] = useState<T | null>(null);
  if (query.data !== null && query.data !== last) {
    setLast(query.data);
  }
  const data = query.data ?? last;
  return {
    ...query,
    data,
    loading: query.loading && data === null,
    error: data === null ? query.error : null,
    stale: data !== null && query.error !== null,
  };
}
