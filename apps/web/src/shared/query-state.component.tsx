import type { ReactNode } from 'react';
import type { ApiQueryState } from './use-api-query.hook';

type QueryStateProps<T> = {
  query: ApiQueryState<T>;
  // What is loading, e.g. "the breaches"; used in the loading and error messages.
  what: string;
  children: (data: T) => ReactNode;
};

// Loading and error states the same on every page; the page renders the data (and its own empty state).
export function QueryState<T>({ query, what, children }: QueryStateProps<T>) {
  if (query.loading) {
    return (
      <p className="panel__placeholder" role="status" aria-busy="true">
        Loading {what}…
      </p>
    );
  }
  if (query.error !== null || query.data === null) {
    return (
      <div className="banner banner--error" role="alert">
        <p>
          <strong>Could not load {what}.</strong> {query.error ?? 'No answer from the API'}.
        </p>
        <button type="button" onClick={query.retry}>
          Try again
        </button>
      </div>
    );
  }
  return <>{children(query.data)}</>;
}
