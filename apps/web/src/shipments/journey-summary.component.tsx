import { milestoneLabel, reasonLabel } from '@lanewatch/domain';
import type { ShipmentJourney } from '../api/shipment-types';
import { formatDays, formatHours, formatUtcInstant } from '../shared/kpi-format.util';
import { customsEvents, deliveryAttempts } from './shipment-timeline.util';

type JourneySummaryProps = { journey: ShipmentJourney };

const when = (iso: string | null) => (iso === null ? '—' : formatUtcInstant(iso));

// Legs and hand-overs, the customs episode and the delivery attempts, beside the timeline.
export function JourneySummary({ journey }: JourneySummaryProps) {
  const { facts, legs, shipment } = journey;
  const attempts = deliveryAttempts(journey.events);
  const customs = customsEvents(journey.events);
  return (
    <div className="layout">
      <section className="panel" aria-labelledby="legs-heading">
        <h2 id="legs-heading">Legs</h2>
        <ol className="legs">
          {legs.map((leg) => (
            <li key={`${leg.carrier}/${leg.trackingNumber}`} data-testid="journey-leg">
              <strong>{leg.carrier}</strong> <code>{leg.trackingNumber}</code> · {leg.events ?? 0} events
              {leg.handedOverFrom ? (
                <span className="data-table__detail">
                  handed over by {leg.handedOverFrom.carrier} {leg.handedOverFrom.trackingNumber}
                  {leg.linkedAt ? `, linked ${formatUtcInstant(leg.linkedAt)}` : ''}
                </span>
              ) : null}
            </li>
          ))}
        </ol>
        <dl className="facts">
          <div className="facts__row">
            <dt>Corridor</dt>
            <dd>{shipment?.corridor ?? '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>Service level</dt>
            <dd>{shipment?.serviceLevel ?? '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>First scan → delivered</dt>
            <dd>
              {when(facts.firstScanAt)} → {when(facts.deliveredAt)}
              {facts.transitDays !== null ? ` (${formatDays(facts.transitDays)})` : ''}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Promised by</dt>
            <dd>
              {when(shipment?.promisedBy ?? null)}
              {facts.onTime === null ? '' : facts.onTime ? ' · on time' : ' · late'}
            </dd>
          </div>
        </dl>
      </section>
      <section className="panel" aria-labelledby="customs-heading">
        <h2 id="customs-heading">Customs episode</h2>
        {customs.length === 0 && facts.customsStartAt === null ? (
          <p className="panel__placeholder">No customs events.</p>
        ) : (
          <>
            <p>
              {when(facts.customsStartAt)} → {when(facts.customsReleasedAt)} · held {formatHours(facts.customsHoldHours)}
            </p>
            <ul>
              {customs.map((event, index) => (
                <li key={index}>
                  {event.milestone !== null ? milestoneLabel(event.milestone) : 'Unmapped code'} {formatUtcInstant(event.occurredAt)} ({event.carrier})
                </li>
              ))}
            </ul>
          </>
        )}
        <h2 id="attempts-heading">Delivery attempts</h2>
        {attempts.length === 0 ? (
          <p className="panel__placeholder">No delivery attempt yet.</p>
        ) : (
          <ol aria-labelledby="attempts-heading">
            {attempts.map((attempt, index) => (
              <li key={index}>
                {formatUtcInstant(attempt.at)} · {attempt.carrier} · {attempt.delivered ? 'delivered' : `failed${attempt.reason ? ` (${reasonLabel(attempt.reason)})` : ''}`}
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
