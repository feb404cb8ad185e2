import { MILESTONES, milestoneLabel } from '@lanewatch/domain';
import { useId, useState } from 'react';
import { UnauthorizedError } from '../api/api-client';
import type { CodeSuggestion, UnmappedCode } from '../api/data-quality-types';
import { fetchCodeMap, mapCode, replaceCodeMap } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { formatCount, formatUtcInstant } from '../shared/kpi-format.util';
import { SuggestionCell } from './suggestion-cell.component';
import { withMapping } from './data-quality.util';

type UnmappedCodeRowProps = { carrier: string; entry: UnmappedCode; suggestion: CodeSuggestion | null; onMapped: (message: string) => void };

// One click maps the code: read the current map, add this code, put the whole map back.
export function UnmappedCodeRow({ carrier, entry, suggestion, onMapped }: UnmappedCodeRowProps) {
  const selectId = useId();
  const { token, onUnauthorized, canEdit } = useSession();
  const [milestone, setMilestone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function map(chosen: string, accepted: boolean): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      // An accepted suggestion maps its one code under the server's lock; the select keeps the read-and-put path.
      const result = accepted
        ? await mapCode({ token, carrier, code: entry.code, milestone: chosen })
        : await replaceCodeMap({ token, carrier, mappings: withMapping({ mappings: await fetchCodeMap({ token, carrier }), code: entry.code, milestone: chosen }) });
      const remapped = result.codes.length > 0 ? ' Stored events are being re-mapped: see Background tasks.' : '';
      onMapped(`${carrier} code ${entry.code} now maps to ${milestoneLabel(chosen)}.${remapped}`);
    } catch (reason) {
      if (reason instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      setError(reason instanceof Error ? reason.message : 'Could not save the mapping');
      setBusy(false);
    }
  }

  return (
    <tr data-unmapped-code={entry.code}>
      <th scope="row">
        <code>{entry.code}</code>
      </th>
      <td>{formatCount(entry.events)}</td>
      <td>{entry.lastSeenAt === null ? '—' : formatUtcInstant(entry.lastSeenAt)}</td>
      <SuggestionCell
        carrier={carrier}
        code={entry.code}
        suggestion={suggestion}
        canAccept={canEdit}
        busy={busy}
        onAccept={(accepted) => void map(accepted, true)}
      />
      {canEdit ? (
        <td>
          <div className="inline-form">
            <label htmlFor={selectId} className="visually-hidden">
              Milestone for {carrier} code {entry.code}
            </label>
            <select id={selectId} value={milestone} onChange={(event) => setMilestone(event.target.value)} disabled={busy}>
              <option value="">Choose a milestone…</option>
              {MILESTONES.map((option) => (
                <option key={option} value={option}>
                  {milestoneLabel(option)}
                </option>
              ))}
            </select>
            <button type="button" disabled={busy || milestone === ''} onClick={() => void map(milestone, false)}>
              {busy ? 'Mapping…' : 'Map'}
            </button>
          </div>
          {error !== null ? (
            <p className="field__error" role="alert">
              {error}
            </p>
          ) : null}
        </td>
      ) : null}
    </tr>
  );
}
