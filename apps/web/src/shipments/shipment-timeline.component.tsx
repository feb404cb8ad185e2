import { milestoneLabel, reasonLabel } from '@lanewatch/domain';
import { Link } from 'react-router';
import type { ShipmentJourney } from '../api/shipment-types';
import { CsvDownloadButton } from '../shared/csv-download-button.component';
import { csvFileName } from '../shared/csv.util';
import { formatHours, formatUtcInstant } from '../shared/kpi-format.util';
import { SHIPMENTS_PATH, shipmentLookupSearch } from './shipment-link.util';
import { buildTimeline, formatLocation, timelineCsv } from './shipment-timeline.util';

type ShipmentTimelineProps = { journey: ShipmentJourney };

export function ShipmentTimeline({ journey }: ShipmentTimelineProps) {
  const rows = buildTimeline(journey);
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <div className="panel__header">
        <h2 id="timeline-heading">Timeline across every leg</h2>
        <CsvDownloadButton
          fileName={csvFileName('timeline', ...journey.legs.slice(0, 1).flatMap((leg) => [leg.carrier, leg.trackingNumber]))}
          csv={() => timelineCsv(rows)}
          what="the timeline"
          disabled={rows.length === 0}
        />
      </div>
      {rows.length === 0 ? (
        <p className="panel__placeholder">No events stored for this parcel yet.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table timeline" aria-label="Timeline">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Leg</th>
                <th scope="col">Milestone</th>
                <th scope="col">Raw code</th>
                <th scope="col">Where</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) =>
                row.kind === 'gap' ? (
                  <tr key={row.key} className="timeline__gap" data-kind="gap">
                    <td colSpan={6}>
                      <strong>Silent for {formatHours(row.gap.hours)}</strong> from {formatUtcInstant(row.gap.from)}
                      {row.gap.open || row.gap.to === null ? ' until now' : ` to ${formatUtcInstant(row.gap.to)}`}: no scan from
                      any carrier.
                    </td>
                  </tr>
                ) : (
                  <tr key={row.key} data-kind="event" data-carrier={row.event.carrier}>
                    <td>
                      {formatUtcInstant(row.event.occurredAt)}
                      {row.event.occurredAtLocal ? <span className="data-table__detail">local {row.event.occurredAtLocal}</span> : null}
                    </td>
                    <td>
                      {row.legPosition ?? '?'}. {row.event.carrier}
                      <span className="data-table__detail">{row.event.trackingNumber}</span>
                    </td>
                    <td>{row.event.milestone !== null ? milestoneLabel(row.event.milestone) : <span className="no-data">unmapped</span>}</td>
                    <td>
                      <code>{row.event.code ?? '—'}</code>
                    </td>
                    <td>{formatLocation(row.event)}</td>
                    <td>
                      {row.event.message ?? ''}
                      {row.event.reason ? <span className="data-table__detail">reason: {reasonLabel(row.event.reason)}</span> : null}
                      {row.event.handover ? (
                        <span className="data-table__detail">
                          hand-over to{' '}
                          <Link to={{ pathname: SHIPMENTS_PATH, search: shipmentLookupSearch(row.event.handover) }}>
                            {row.event.handover.carrier} {row.event.handover.trackingNumber}
                          </Link>
                        </span>
                      ) : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
