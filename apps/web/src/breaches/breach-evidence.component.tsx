import { useState } from 'react';
import { Link } from 'react-router';
import { UnauthorizedError } from '../api/api-errors';
import { fetchBreachEvidence } from '../api/dashboard-api';
import type { Breach, EvidenceParcel } from '../api/sla-types';
import { useSession } from '../auth/session.context';
import { csvFileName } from '../shared/csv.util';
import { downloadTextFile } from '../shared/download.util';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { SHIPMENTS_PATH, shipmentLookupSearch } from '../shipments/shipment-link.util';
import { evidenceCaption, evidenceCsv, formatEvidenceValue } from './breach-format.util';
import { type SortableColumn, SortableTable } from '../shared/sortable-table.component';

const EVIDENCE_COLUMNS: readonly SortableColumn<EvidenceParcel>[] = [
  { id: 'parcel', label: 'Parcel', sortValue: (parcel) => parcel.trackingNumber },
  { id: 'carrier', label: 'Carrier', sortValue: (parcel) => parcel.carrier },
  { id: 'why', label: 'Why', sortValue: (parcel) => parcel.reason },
  { id: 'failureReason', label: "Carrier's reason", sortValue: (parcel) => parcel.failureReason },
  { id: 'value', label: 'Value', numeric: true, sortValue: (parcel) => parcel.value },
  { id: 'at', label: 'When', sortValue: (parcel) => (parcel.at === null ? null : Date.parse(parcel.at)) },
];

type BreachEvidenceProps = { breach: Breach };

// The CSV holds every parcel of the window (GET /breaches/{id}/evidence), not only the ten shown.
function EvidenceCsvButton({ breach }: BreachEvidenceProps) {
  const { token, onUnauthorized } = useSession();
  const [state, setState] = useState<{ busy: boolean; message: string | null }>({ busy: false, message: null });
  const download = async () => {
    setState({ busy: true, message: null });
    try {
      const all = await fetchBreachEvidence({ token, id: breach.id });
      downloadTextFile({ fileName: csvFileName('breach', breach.id, 'evidence'), text: evidenceCsv(all.parcels), mimeType: 'text/csv' });
      const cut = all.truncated ? ` (the first ${all.parcels.length.toLocaleString('en')} of ${all.total.toLocaleString('en')})` : '';
      setState({ busy: false, message: `Downloaded ${all.parcels.length.toLocaleString('en')} parcels${cut}.` });
    } catch (error) {
      if (error instanceof UnauthorizedError) {
        onUnauthorized();
        return;
      }
      setState({ busy: false, message: 'Could not download the evidence; try again.' });
    }
  };
  return (
    <span>
      <button type="button" className="button--quiet" disabled={state.busy} aria-label="Download CSV of every evidence parcel" onClick={() => void download()}>
        Download CSV
      </button>
      {state.message === null ? null : (
        <span role="status" data-testid="evidence-csv-status">
          {' '}
          {state.message}
        </span>
      )}
    </span>
  );
}

// The worst parcels of the window (sla.md §3), each opening its whole journey.
export function BreachEvidence({ breach }: BreachEvidenceProps) {
  const { parcels } = breach.evidence;
  return (
    <section className="panel" aria-labelledby="evidence-heading">
      <div className="panel__header">
        <h2 id="evidence-heading">Evidence: the parcels that drove it</h2>
        {parcels.length === 0 ? null : <EvidenceCsvButton breach={breach} />}
      </div>
      {parcels.length === 0 ? (
        <p className="panel__placeholder">
          No parcel evidence: {breach.metric} is a feed-health metric, or no parcel in the window matched.
        </p>
      ) : (
        <>
          <p data-testid="evidence-caption">{evidenceCaption(breach)}</p>
          <div className="table-scroll">
            <SortableTable
              label="Evidence parcels"
              columns={EVIDENCE_COLUMNS}
              rows={parcels}
              rowKey={(parcel) => `${parcel.carrier}/${parcel.trackingNumber}`}
              renderRow={(parcel) => (
                <tr key={`${parcel.carrier}/${parcel.trackingNumber}`}>
                    <th scope="row">
                      <Link to={{ pathname: SHIPMENTS_PATH, search: shipmentLookupSearch(parcel) }}>{parcel.trackingNumber}</Link>
                    </th>
                    <td>{parcel.carrier}</td>
                    <td>{parcel.reason}</td>
                    <td>{parcel.failureReason ?? '—'}</td>
                    <td className="data-table__number">{formatEvidenceValue(parcel)}</td>
                    <td>{parcel.at === null ? '—' : formatUtcInstant(parcel.at)}</td>
                  </tr>
              )}
            />
          </div>
        </>
      )}
    </section>
  );
}
