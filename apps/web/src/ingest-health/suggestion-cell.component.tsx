import type { CodeSuggestion } from '../api/data-quality-types';
import { milestoneInWords } from './data-quality.util';

type SuggestionCellProps = {
  carrier: string;
  code: string;
  suggestion: CodeSuggestion | null;
  canAccept: boolean;
  busy: boolean;
  onAccept: (milestone: string) => void;
};

// The suggested milestone in words, why (share agreeing or the words that decided), examples, and Accept for admins.
export function SuggestionCell({ carrier, code, suggestion, canAccept, busy, onAccept }: SuggestionCellProps) {
  if (suggestion === null) return <td className="no-data">—</td>;
  const { milestone } = suggestion;
  return (
    <td data-suggestion={milestone ?? 'none'}>
      {milestone === null ? (
        <p className="data-table__detail">{suggestion.summary}</p>
      ) : (
        <>
          <p>
            <strong>{milestoneInWords(milestone)}</strong> <code>{milestone}</code>
            <span className="data-table__detail">
              {' '}
              · {suggestion.basis === 'keywords' ? 'from the message words' : 'from other carriers'}
            </span>
          </p>
          <p className="data-table__detail">{suggestion.summary}</p>
        </>
      )}
      {suggestion.examples.length > 0 ? (
        <details>
          <summary>Example messages</summary>
          <ul>
            {suggestion.examples.map((example) => (
              <li key={example}>
                <q>{example}</q>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {canAccept && milestone !== null ? (
        <button type="button" disabled={busy} onClick={() => onAccept(milestone)} aria-label={`Accept ${milestone} for ${carrier} code ${code}`}>
          {busy ? 'Mapping…' : 'Accept'}
        </button>
      ) : null}
    </td>
  );
}
