import countries from 'i18n-iso-countries';
import { DateTime } from 'luxon';
import { formatMsDate } from '../upu/upu-date';

/** A canonical event restricted to what every carrier format can carry; rendered back into each format by the property spec. */
export interface RenderableEvent {
  code: string;
  occurredAt: string;
  country?: string;
  city?: string;
  facility?: string;
}

const offsetOf = (iso: string) => DateTime.fromISO(iso, { setZone: true }).offset;
const utc = (iso: string) => DateTime.fromISO(iso, { setZone: true }).toUTC().toISO({ suppressMilliseconds: true }) as string;

export function renderAfterShip(trackingNumber: string, events: RenderableEvent[]): unknown {
  return {
    event: 'tracking_update',
    event_id: '00000000-0000-4000-8000-000000000000',
    msg: {
      tracking_number: trackingNumber,
      slug: 'test',
      checkpoints: events.map((event) => ({
        slug: 'test',
        checkpoint_time: event.occurredAt,
        country_iso3: event.country ? countries.alpha2ToAlpha3(event.country) : null,
        city: event.city ?? null,
        location: event.facility ?? null,
        tag: event.code.split('_')[0],
        subtag: event.code,
        message: null,
      })),
    },
    ts: 0,
  };
}

export function renderSeventeenTrack(trackingNumber: string, events: RenderableEvent[]): unknown {
  return {
    event: 'TRACKING_UPDATED',
    data: {
      number: trackingNumber,
      carrier: 3011,
      track_info: {
        shipping_info: {},
        misc_info: {},
        tracking: {
          providers: [
            {
              provider: { key: 3011, name: 'Test' },
              events: events.map((event) => ({
                time_iso: event.occurredAt,
                time_utc: utc(event.occurredAt),
                stage: event.code.split('_')[0],
                sub_status: event.code,
                location: event.facility ?? null,
                address: { country: event.country ?? null, city: event.city ?? null },
              })),
            },
          ],
        },
      },
    },
  };
}

export function renderEasyPost(trackingNumber: string, events: RenderableEvent[]): unknown {
  return {
    object: 'Event',
    description: 'tracker.updated',
    result: {
      object: 'Tracker',
      tracking_code: trackingNumber,
      carrier: 'Test',
      tracking_details: events.map((event) => ({
        object: 'TrackingDetail',
        status: 'in_transit',
        status_detail: event.code,
        datetime: utc(event.occurredAt),
        source: 'Test',
        tracking_location: { object: 'TrackingLocation', city: event.city ?? null, country: event.country ?? null },
      })),
      carrier_detail: {},
    },
  };
}

export function renderUpu(trackingNumber: string, events: RenderableEvent[]): unknown {
  return {
    Items: [
      {
        ItemId: trackingNumber,
        Events: events.map((event) => ({
          EventCd: event.code,
          EventDT: formatMsDate(event.occurredAt),
          OfficeCd: event.country ? `${event.country}TSTA` : undefined,
          OfficeName: event.facility,
        })),
      },
    ],
  };
}

export function renderCainiao(trackingNumber: string, events: RenderableEvent[]): unknown {
  const zone = (iso: string) => {
    const offset = offsetOf(iso);
    const sign = offset < 0 ? '-' : '+';
    const minutes = Math.abs(offset) % 60;
    return `GMT${sign}${Math.floor(Math.abs(offset) / 60)}${minutes ? `:${String(minutes).padStart(2, '0')}` : ''}`;
  };
  return {
    module: [
      {
        mailNo: trackingNumber,
        detailList: events.map((event) => ({ time: DateTime.fromISO(event.occurredAt).toMillis(), timeZone: zone(event.occurredAt), actionCode: event.code })),
      },
    ],
  };
}
