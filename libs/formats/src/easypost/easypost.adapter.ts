import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, JsonRecord, text } from '../payload.util';
import { resolveEstimate, resolveLocalTime } from '../time-zones';
import { EASYPOST_CODE_MAP, EASYPOST_SIDED, easyPostCode } from './easypost.code-map';

/**
 * EasyPost `tracker.updated` Event: `result` is the Tracker, each `tracking_details[]` entry one
 * event. `carrier_detail.alternate_identifier` is the next leg's number on the
 * transferred_to_destination_carrier event; its carrier is the `source` of the first later detail
 * that differs from the tracker's carrier. A decisive status wins over a non-terminal detail and an
 * attempted failure is a failed delivery (easyPostCode).
 */
export function adaptEasyPost(payload: unknown, context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !isRecord(payload.result)) throw new PayloadShapeError('body must be an EasyPost Event object with a "result" Tracker');
  const result = emptyResult();
  const tracker = payload.result;
  const trackingNumber = text(tracker.tracking_code);
  const carrierDetail = isRecord(tracker.carrier_detail) ? tracker.carrier_detail : {};
  const countryOf = (location: unknown) => (isRecord(location) ? text(location.country) : undefined);
  const origin = countryOf(carrierDetail.origin_tracking_location);
  const destination = countryOf(carrierDetail.destination_tracking_location);
  const alternate = text(carrierDetail.alternate_identifier);
  const trackerCarrier = text(tracker.carrier);
  const details = arrayAt(tracker, 'tracking_details').map((detail) => (isRecord(detail) ? detail : ({} as JsonRecord)));

  const entries: Entry[] = details.map((record, index) => {
    const path = `result.tracking_details[${index}]`;
    const location = isRecord(record.tracking_location) ? record.tracking_location : {};
    const country = text(location.country);
    const message = text(record.message) ?? text(record.description);
    const { code, milestone } = easyPostCode(text(record.status_detail), text(record.status), message);
    const time = text(record.datetime);
    const entry: Entry = {
      path,
      raw: details[index],
      trackingNumber,
      code,
      time: time ? resolveLocalTime('datetime', time, country) : { ok: false, error: 'datetime is missing' },
      country,
      city: text(location.city),
      message,
      milestone,
      sided: code && !milestone ? EASYPOST_SIDED[code] : undefined,
    };
    if (code === 'transferred_to_destination_carrier') {
      entry.milestone = 'HANDED_OVER';
      const nextSource = details.slice(index + 1).map((later) => text(later.source)).find((source) => source && source !== trackerCarrier);
      const nextCarrier = nextSource ? context.resolveCarrier(nextSource) : null;
      if (!alternate) {
        result.warnings.push({ kind: 'other', path, errors: ['carrier_detail.alternate_identifier is missing: the next leg is unknown, the hand-over is kept without it'] });
      } else if (!nextCarrier) {
        result.warnings.push({
          kind: 'unknown_handover_carrier',
          path,
          errors: [`the next carrier of alternate_identifier '${alternate}' ${nextSource ? `('${nextSource}')` : ''} is not a registered carrier; the hand-over is kept without it`],
        });
      } else {
        entry.handover = { carrier: nextCarrier, trackingNumber: alternate };
      }
    }
    return entry;
  });
  const cityOf = (location: unknown) => (isRecord(location) ? text(location.city) : undefined);
  buildItemEvents(
    entries,
    {
      origin,
      destination,
      serviceLevel: text(carrierDetail.service),
      originPath: 'result.carrier_detail.origin_tracking_location.country',
      destinationPath: 'result.carrier_detail.destination_tracking_location.country',
      originPlaces: [cityOf(carrierDetail.origin_tracking_location)],
      destinationPlaces: [cityOf(carrierDetail.destination_tracking_location)],
      utcOnly: true,
    },
    EASYPOST_CODE_MAP,
    result,
  );

  // est_delivery_date is a calendar date written at midnight UTC: the end of that day where it is delivered.
  const estimate = text(tracker.est_delivery_date);
  if (estimate && trackingNumber) {
    const resolved = resolveEstimate(estimate, destination);
    if (resolved) result.estimates.push({ path: 'result.est_delivery_date', trackingNumber, carrierEstimate: resolved });
    else result.warnings.push({ kind: 'other', path: 'result.est_delivery_date', errors: [`est_delivery_date '${estimate}' is a date and the tracker names no destination country to end its day in; the estimate was not kept`] });
  }
  return result;
}
