import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, text } from '../payload.util';
import { resolveLocalTime } from '../time-zones';
import { AFTERSHIP_CODE_MAP, AFTERSHIP_DELIVERED_SUBTYPES, AFTERSHIP_SIDED } from './aftership.code-map';

/**
 * AfterShip tracking webhook: `{event, event_id, msg: Tracking, ts}`. Each checkpoint is one event;
 * its identity is the canonical one (slug = our carrier, tracking number, checkpoint_time, subtag,
 * location). Older payloads carry `country_iso3`, newer ones `country_region`: both are read.
 */
export function adaptAfterShip(payload: unknown, _context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !isRecord(payload.msg)) throw new PayloadShapeError('body must be an AfterShip webhook object with a "msg" tracking object');
  const tracking = payload.msg;
  const result = emptyResult();
  const trackingNumber = text(tracking.tracking_number);
  const origin = text(tracking.origin_country_iso3) ?? text(tracking.origin_country_region);
  const destination = text(tracking.destination_country_iso3) ?? text(tracking.destination_country_region);
  const entries: Entry[] = arrayAt(tracking, 'checkpoints').map((checkpoint, index) => {
    const path = `msg.checkpoints[${index}]`;
    const record = isRecord(checkpoint) ? checkpoint : {};
    const subtag = text(record.subtag) ?? text(record.tag);
    const country = text(record.country_iso3) ?? text(record.country_region);
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
  buildItemEvents(entries, { origin, destination, orderRef: text(tracking.order_id) }, AFTERSHIP_CODE_MAP, result);
  return result;
}
