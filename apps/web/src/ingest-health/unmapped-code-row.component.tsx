import { MILESTONES, milestoneLabel } from '@lanewatch/domain/browser';
import { useId, useState } from 'react';
import { UnauthorizedError } from '../api/api-client';
import type { UnmappedCode } from '../api/data-quality-types';
import { fetchCodeMap, replaceCodeMap } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { formatCount, formatUtcInstant } from '../shared/kpi-format.util';
import { withMapping } from './data-quality.util';

type UnmappedCodeRowProps = { carrier: string; entry: UnmappedCode; onMapped: (message: string) => void };

// One click maps the code: read the current map, add this code, put the whole map back.
export function UnmappedCodeRow({ carrier, entry, onMapped }: UnmappedCodeRowProps) {
  const selectId = useId();
  const { token, onUnauthorized, canEdit } = useSession();
  const [milestone, setMilestone] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function map(): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      const mappings = await fetchCodeMap({ token, carrier });
      const result = await replaceCodeMap({ token, carrier, mappings: withMapping({ mappings, code: entry.code, milestone }) });
      const remapped = result.codes.length > 0 ? ' Stored events are being re-mapped.' : '';
      onMapped(`${carrier} code ${entry.code} now maps to ${milestoneLabel(milestone)}.${remapped}`);
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
            <button type="button" disabled={busy || milestone === ''} onClick={() => void map()}>
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
