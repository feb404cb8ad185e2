import { Link } from 'react-router';
import type { Breach } from '../api/sla-types';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { csvFileName } from '../shared/csv.util';
import { formatUtcInstant } from '../shared/kpi-format.util';
import { SHIPMENTS_PATH, shipmentLookupSearch } from '../shipments/shipment-link.util';
import { evidenceCsv, formatEvidenceValue } from './breach-format.util';

type BreachEvidenceProps = { breach: Breach };

// The worst parcels of the window (sla.md §3), each opening its whole journey.
export function BreachEvidence({ breach }: BreachEvidenceProps) {
  const { parcels } = breach.evidence;
  return (
    <section className="panel" aria-labelledby="evidence-heading">
      <div className="panel__header">
        <h2 id="evidence-heading">Evidence: the parcels that drove it</h2>
        <CsvDownloadButton
          fileName={csvFileName('breach', breach.id, 'evidence')}
          csv={() => evidenceCsv(parcels)}
          what="the evidence parcels"
          disabled={parcels.length === 0}
        />
      </div>
      {parcels.length === 0 ? (
        <p className="panel__placeholder">
          No parcel evidence: {breach.metric} is a feed-health metric, or no parcel in the window matched.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table" aria-label="Evidence parcels">
            <thead>
              <tr>
                <th scope="col">Parcel</th>
                <th scope="col">Carrier</th>
                <th scope="col">Why</th>
                <th scope="col" className="data-table__number">
                  Value
                </th>
                <th scope="col">When</th>
              </tr>
            </thead>
            <tbody>
              {parcels.map((parcel) => (
                <tr key={`${parcel.carrier}/${parcel.trackingNumber}`}>
                  <th scope="row">
                    <Link to={{ pathname: SHIPMENTS_PATH, search: shipmentLookupSearch(parcel) }}>{parcel.trackingNumber}</Link>
                  </th>
                  <td>{parcel.carrier}</td>
                  <td>{parcel.reason}</td>
                  <td className="data-table__number">
                    {formatEvidenceValue(parcel)}
                  </td>
                  <td>{parcel.at === null ? '—' : formatUtcInstant(parcel.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
