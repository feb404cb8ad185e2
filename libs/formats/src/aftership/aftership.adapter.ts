import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, text } from '../payload.util';
import { resolveLocalTime } from '../time-zones';
import { AFTERSHIP_CODE_MAP, AFTERSHIP_DELIVERED_SUBTYPES, AFTERSHIP_SIDED } from './aftership.code-map';

/**
 * AfterShip tracking webhook: `{event, event_id, msg: Tracking, ts}`. Each checkpoint is one event;
 * its identity is the canonical one (slug = our carrier, tracking number, checkpoint_time, subtag,
 * location). Older payloads carry `country_iso3`, newer ones `country_region`: both are read. A
 * checkpoint without a subtag is kept as UNCLASSIFIED.
 */
export function adaptAfterShip(payload: unknown, _context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !isRecord(payload.msg)) throw new PayloadShapeError('body must be an AfterShip webhook object with a "msg" tracking object');
  const tracking = payload.msg;
  const result = emptyResult();
  const trackingNumber = text(tracking.tracking_number);
  const originField = text(tracking.origin_country_iso3) ? 'origin_country_iso3' : 'origin_country_region';
  const destinationField = text(tracking.destination_country_iso3) ? 'destination_country_iso3' : 'destination_country_region';
  const origin = text(tracking[originField]);
  const destination = text(tracking[destinationField]);
  const entries: Entry[] = arrayAt(tracking, 'checkpoints').map((checkpoint, index) => {
    const path = `msg.checkpoints[${index}]`;
    const record = isRecord(checkpoint) ? checkpoint : {};
    const subtag = text(record.subtag) ?? text(record.tag);
    // Older payloads name the country by ISO3, newer ones by region code; some only by its name.
    const country = text(record.country_iso3) ?? text(record.country_region) ?? text(record.country_name);
    const time = text(record.checkpoint_time);
    return {
      path,
      raw: checkpoint,
      trackingNumber,
      code: subtag,
      time: time ? resolveLocalTime('checkpoint_time', time, country) : { ok: false, error: 'checkpoint_time is missing' },
      country,
      city: text(record.city),
      facility: text(record.location),
      message: text(record.message),
      sided: subtag ? AFTERSHIP_SIDED[subtag] : undefined,
      subtype: subtag ? AFTERSHIP_DELIVERED_SUBTYPES[subtag] : undefined,
    };
  });
  buildItemEvents(
    entries,
    { origin, destination, orderRef: text(tracking.order_id), originPath: `msg.${originField}`, destinationPath: `msg.${destinationField}` },
    AFTERSHIP_CODE_MAP,
    result,
  );
  return result;
}
