import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, JsonRecord, text } from '../payload.util';
import { resolveEstimate, resolveLocalTime } from '../time-zones';
import { SEVENTEEN_TRACK_CODE_MAP, SEVENTEEN_TRACK_SIDED } from './seventeen-track.code-map';

const HANDOVER_CODE = 'HANDOVER_LOCAL_NUMBER';

/**
 * 17TRACK v2 webhook `{event: "TRACKING_UPDATED", data: {number, carrier, track_info}}`: every
 * provider event in `track_info.tracking.providers[].events[]` is one event. `time_iso` carries the
 * offset; `time_utc` is the fallback. `misc_info.local_number` (the last mile's number) becomes a
 * HANDED_OVER event at the local provider's first event, naming `local_provider` as the next carrier.
 */
export function adaptSeventeenTrack(payload: unknown, context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !isRecord(payload.data)) throw new PayloadShapeError('body must be a 17TRACK webhook object with a "data" object');
  const result = emptyResult();
  if (text(payload.event) !== 'TRACKING_UPDATED') return result; // TRACKING_STOPPED and others carry no events
  const data = payload.data;
  const trackingNumber = text(data.number);
  const trackInfo = isRecord(data.track_info) ? data.track_info : {};
  const shipping = isRecord(trackInfo.shipping_info) ? trackInfo.shipping_info : {};
  const countryOf = (address: unknown) => (isRecord(address) ? text(address.country) : undefined);
  const origin = countryOf(shipping.shipper_address);
  const destination = countryOf(shipping.recipient_address);
  const misc = isRecord(trackInfo.misc_info) ? trackInfo.misc_info : {};
  const tracking = isRecord(trackInfo.tracking) ? trackInfo.tracking : {};
  const localNumber = text(misc.local_number);
  const localKey = text(misc.local_key);

  const entries: Entry[] = [];
  let localFirst: { path: string; entry: Entry } | null = null;
  arrayAt(tracking, 'providers').forEach((providerEntry, providerIndex) => {
    const provider = isRecord(providerEntry) ? providerEntry : {};
    const providerKey = isRecord(provider.provider) ? text(provider.provider.key) : undefined;
    arrayAt(provider, 'events').forEach((event, index) => {
      const path = `data.track_info.tracking.providers[${providerIndex}].events[${index}]`;
      const record: JsonRecord = isRecord(event) ? event : {};
      const address = isRecord(record.address) ? record.address : {};
      const country = text(address.country);
      // sub_status first, then the stage; a scan with neither is kept as UNCLASSIFIED (formats.md).
      const code = text(record.sub_status) ?? text(record.stage);
      const time = text(record.time_iso) ?? text(record.time_utc);
      const entry: Entry = {
        path,
        raw: event,
        trackingNumber,
        code,
        time: time ? resolveLocalTime('time_iso', time, country) : { ok: false, error: 'time_iso and time_utc are missing' },
        country,
        city: text(address.city),
        facility: text(record.location),
        message: text(record.description),
        sided: code ? SEVENTEEN_TRACK_SIDED[code] : undefined,
      };
      entries.push(entry);
      // Providers list events newest first: the local provider's last-listed event is its first.
      if (localKey && providerKey === localKey) localFirst = { path, entry };
    });
  });

  const first = localFirst as { path: string; entry: Entry } | null;
  if (localNumber && trackingNumber && localNumber !== trackingNumber) {
    const providerName = text(misc.local_provider);
    const nextCarrier = providerName ? context.resolveCarrier(providerName) : null;
    if (!first) {
      result.warnings.push({
        kind: 'other',
        path: 'data.track_info.misc_info.local_number',
        errors: [`local_number '${localNumber}' has no event of its local provider (local_key ${localKey ?? 'missing'}) to date the hand-over; no HANDED_OVER event was made`],
      });
    } else {
      if (!nextCarrier) {
        result.warnings.push({
          kind: 'unknown_handover_carrier',
          path: 'data.track_info.misc_info.local_provider',
          errors: [`local_provider '${providerName ?? ''}' is not a registered carrier; the HANDED_OVER event is kept without its handover (register the carrier to link the last mile)`],
        });
      }
      entries.push({
        path: 'data.track_info.misc_info',
        raw: misc,
        trackingNumber,
        code: HANDOVER_CODE,
        milestone: 'HANDED_OVER',
        time: first.entry.time,
        country: first.entry.country,
        handover: nextCarrier ? { carrier: nextCarrier, trackingNumber: localNumber } : undefined,
      });
    }
  }
  buildItemEvents(
    entries,
    {
      origin,
      destination,
      originPath: 'data.track_info.shipping_info.shipper_address.country',
      destinationPath: 'data.track_info.shipping_info.recipient_address.country',
    },
    SEVENTEEN_TRACK_CODE_MAP,
    result,
  );

  const estimate = isRecord(trackInfo.time_metrics) && isRecord(trackInfo.time_metrics.estimated_delivery_date)
    ? text(trackInfo.time_metrics.estimated_delivery_date.to)
    : undefined;
  if (estimate && trackingNumber) {
    const resolved = resolveEstimate(estimate, destination);
    if (resolved) result.estimates.push({ path: 'data.track_info.time_metrics.estimated_delivery_date', trackingNumber, carrierEstimate: resolved });
    else result.warnings.push({ kind: 'other', path: 'data.track_info.time_metrics.estimated_delivery_date.to', errors: [`estimated_delivery_date.to '${estimate}' has no UTC offset and no destination country to end its day in; the estimate was not kept`] });
  }
  return result;
}
