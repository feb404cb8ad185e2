import { useCallback, useState } from 'react';
import type { CodeSuggestion, DataQuality, UnmappedCode } from '../api/data-quality-types';
import { fetchCarrierList, fetchCodeSuggestions, fetchDataQuality } from '../api/dashboard-api';
import { useSession } from '../auth/session.context';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { formatCount } from '../shared/kpi-format.util';
import { QueryState } from '../shared/query-state.component';
import { useApiQuery } from '../shared/use-api-query.hook';
import { dataQualityTotals, sortByAttention, unmappedCodesCsv } from './data-quality.util';
import { UnmappedCodeRow } from './unmapped-code-row.component';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

// Not refreshed with the 5-second figures: one request per carrier is too many to repeat that often.
export function DataQualityPanel() {
  const { token, onUnauthorized, canEdit } = useSession();
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(
    async (signal: AbortSignal) => {
      const carriers = await fetchCarrierList({ token, signal });
      const [reports, suggestions] = await Promise.all([
        Promise.all(carriers.map(({ code }) => fetchDataQuality({ token, signal, carrier: code }))),
        Promise.all(carriers.map(async ({ code }) => [code, await fetchCodeSuggestions({ token, signal, carrier: code })] as const)),
      ]);
      return { reports, suggestions: new Map(suggestions) };
    },
    [token],
  );
  const reports = useApiQuery({ requestKey: `data-quality-${version}`, load, onUnauthorized });
  const onMapped = (message: string) => {
    setNotice(message);
    setVersion((value) => value + 1);
  };

  return (
    <section className="panel" aria-labelledby="data-quality-heading">
      <div className="panel__header">
        <h2 id="data-quality-heading">Data quality per carrier</h2>
        <div className="panel__actions">
          <CsvDownloadButton
            fileName="lanewatch-unmapped-codes.csv"
            csv={() => unmappedCodesCsv(reports.data?.reports ?? [])}
            what="every carrier's unmapped codes"
            disabled={reports.data === null || reports.data.reports.every((report) => report.unmappedCodes.length === 0)}
          />
          <button type="button" className="button--quiet" onClick={reports.retry}>
            Reload
          </button>
        </div>
      </div>
      <p className="panel__note">
        Unmapped codes are raw carrier codes with no milestone; their events count for nothing until mapped.
        {' A suggestion comes from how other carriers map the same message texts, or else from their words.'}
        {canEdit
          ? ' Accept it, or choose a milestone and Map: the carrier’s stored events are re-mapped (progress under Background tasks).'
          : ' Viewers cannot change code maps.'}
      </p>
      {notice !== null ? (
        <div className="banner banner--info" role="status">
          <p>{notice}</p>
        </div>
      ) : null}
      <QueryState query={reports} what="the data quality reports">
        {(data) =>
          data.reports.length === 0 ? (
            <p className="panel__placeholder">No carriers registered yet.</p>
          ) : (
            <Reports reports={data.reports} suggestions={data.suggestions} canEdit={canEdit} onMapped={onMapped} />
          )
        }
      </QueryState>
    </section>
  );
}

const UNMAPPED_COLUMNS: readonly SortableColumn<UnmappedCode>[] = [
  { id: 'code', label: 'Raw code', sortValue: (entry) => entry.code },
  { id: 'events', label: 'Events', numeric: true, sortValue: (entry) => entry.events },
  { id: 'lastSeen', label: 'Last seen', sortValue: (entry) => (entry.lastSeenAt === null ? null : Date.parse(entry.lastSeenAt)) },
  { id: 'suggestion', label: 'Suggestion' },
  { id: 'mapTo', label: 'Map to' },
];

type ReportsProps = {
  reports: readonly DataQuality[];
  suggestions: ReadonlyMap<string, ReadonlyMap<string, CodeSuggestion>>;
  canEdit: boolean;
  onMapped: (message: string) => void;
};

function Reports({ reports, suggestions, canEdit, onMapped }: ReportsProps) {
  const totals = dataQualityTotals(reports);
  return (
    <>
      <p>
        <strong>{formatCount(totals.unmappedEvents)}</strong> unmapped events in{' '}
        <strong>{formatCount(totals.unmappedCodes)}</strong> codes · <strong>{formatCount(totals.unlinkedEvents)}</strong>{' '}
        unlinked events on <strong>{formatCount(totals.unlinkedLegs)}</strong> legs ·{' '}
        <strong>{formatCount(totals.issues)}</strong> linking conflicts
      </p>
      {sortByAttention(reports).map((report) => (
        <div key={report.carrier} className="data-quality__carrier">
          <h3>
            {report.carrier}{' '}
            <span className="data-table__detail">
              {formatCount(report.unlinkedEvents)} unlinked events · {formatCount(report.issues)} linking conflicts
            </span>
          </h3>
          {report.unmappedCodes.length === 0 ? (
            <p className="panel__note">No unmapped codes.</p>
          ) : (
            <div className="table-scroll">
              <SortableTable
                label={`Unmapped codes of ${report.carrier}`}
                columns={canEdit ? UNMAPPED_COLUMNS : UNMAPPED_COLUMNS.slice(0, -1)}
                rows={report.unmappedCodes}
                rowKey={(entry) => entry.code}
                renderRow={(entry) => (
                    <UnmappedCodeRow
                      key={entry.code}
                      carrier={report.carrier}
                      entry={entry}
                      suggestion={suggestions.get(report.carrier)?.get(entry.code) ?? null}
                      onMapped={onMapped}
                    />
                  )}
              />
            </div>
          )}
        </div>
      ))}
    </>
  );
}
