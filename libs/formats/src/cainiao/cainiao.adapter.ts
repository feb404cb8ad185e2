import { TRACKING_NUMBER_PATTERN } from '@lanewatch/domain';
import { DateTime } from 'luxon';
import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, JsonRecord, text } from '../payload.util';
import type { LocalTimeResult } from '../time-zones';
import { ARRIVAL_CODES, CAINIAO_CODE_MAP, CAINIAO_SIDED, cainiaoFamilyMilestone, REAL_MAIL_NO_HANDOVER_CODE } from './cainiao.code-map';

const GMT_ZONE = /^GMT([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** Epoch ms, written at the entry's `timeZone` ("GMT-3") when it has one, else in UTC. */
function timeOf(time: unknown, timeZone: string | undefined): LocalTimeResult {
  const ms = typeof time === 'number' ? time : typeof time === 'string' && /^\d+$/.test(time.trim()) ? Number(time) : NaN;
  if (!Number.isFinite(ms)) return { ok: false, error: `time must be epoch milliseconds (got ${JSON.stringify(time ?? null)})` };
  const match = timeZone ? GMT_ZONE.exec(timeZone.trim()) : null;
  const zone = match ? `UTC${match[1]}${Number(match[2])}${match[3] ? `:${match[3]}` : ''}` : 'utc';
  const value = DateTime.fromMillis(ms, { zone });
  return value.isValid ? { ok: true, value: value.toISO({ suppressMilliseconds: true }) as string } : { ok: false, error: `time ${ms} is out of range` };
}

/** The next leg's number: copyRealMailNo, else the last token of realMailNo ("Latest Tracking Number:\t36YPH…"). */
function nextLegNumber(item: JsonRecord, mailNo: string | undefined): string | undefined {
  const copy = text(item.copyRealMailNo);
  const labelled = text(item.realMailNo)?.split(/\s+/).pop();
  const number = copy ?? (labelled && TRACKING_NUMBER_PATTERN.test(labelled) ? labelled : undefined);
  return number && number !== mailNo ? number : undefined;
}

/**
 * Cainiao tracking detail `{"module": [{mailNo, originCountry, destCountry, destCpInfo: {cpName},
 * copyRealMailNo, realMailNo, detailList: [{time, timeZone, actionCode, desc, standerdDesc}]}]}`.
 * Countries come as names ("Mainland China"). GTMS_ACCEPT hands the parcel to `destCpInfo.cpName`
 * under `copyRealMailNo`, or the top-level `realMailNo` when the entry carries none; with no
 * GTMS_ACCEPT at all, a next leg named at the top level is handed over at the import customs
 * release, else at the arrival (code HANDOVER_REAL_MAIL_NO).
 */
export function adaptCainiao(payload: unknown, context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !Array.isArray(payload.module)) throw new PayloadShapeError('body must be a Cainiao tracking detail object with a "module" array');
  const result = emptyResult();
  payload.module.forEach((moduleEntry, moduleIndex) => {
    const item: JsonRecord = isRecord(moduleEntry) ? moduleEntry : {};
    const mailNo = text(item.mailNo);
    const nextNumber = nextLegNumber(item, mailNo);
    const nextName = isRecord(item.destCpInfo) ? text(item.destCpInfo.cpName) : undefined;
    const nextCarrier = nextName ? context.resolveCarrier(nextName) : null;
    const handoverOf = (path: string): { carrier: string; trackingNumber: string } | undefined => {
      if (!nextNumber) {
        result.warnings.push({ kind: 'other', path, errors: ['copyRealMailNo and realMailNo are missing: the next leg is unknown, the hand-over is kept without it'] });
        return undefined;
      }
      if (!nextName) {
        result.warnings.push({ kind: 'unknown_handover_carrier', path, errors: [`destCpInfo.cpName is missing: the carrier of the next leg '${nextNumber}' is unknown, the hand-over is kept without its handover`] });
        return undefined;
      }
      if (!nextCarrier) {
        result.warnings.push({
          kind: 'unknown_handover_carrier',
          path,
          errors: [`destCpInfo.cpName '${nextName}' is not a registered carrier; the hand-over to '${nextNumber}' is kept without its handover (register the carrier to link the last mile)`],
        });
        return undefined;
      }
      return { carrier: nextCarrier, trackingNumber: nextNumber };
    };
    const entries: Entry[] = arrayAt(item, 'detailList').map((detailEntry, index) => {
      const path = `module[${moduleIndex}].detailList[${index}]`;
      const detail: JsonRecord = isRecord(detailEntry) ? detailEntry : {};
      const code = text(detail.actionCode);
      const entry: Entry = {
        path,
        raw: detailEntry,
        trackingNumber: mailNo,
        code,
        time: timeOf(detail.time, text(detail.timeZone)),
        message: text(detail.standerdDesc) ?? text(detail.desc),
        milestone: code && !CAINIAO_CODE_MAP[code] ? cainiaoFamilyMilestone(code) : undefined,
        sided: code ? CAINIAO_SIDED[code] : undefined,
      };
      if (code === 'GTMS_ACCEPT') {
        entry.milestone = 'HANDED_OVER';
        entry.handover = handoverOf(path);
      }
      return entry;
    });
    const handedOver = entries.some((entry) => entry.code === 'GTMS_ACCEPT');
    if (!handedOver && nextNumber && mailNo) {
      // The release from import customs dates the hand-over named only at the top level, else the arrival.
      const timeOfEntry = (entry: Entry) => (entry.time.ok ? Date.parse(entry.time.value) : Infinity);
      const arrivals = entries
        .filter((entry) => entry.time.ok && entry.code !== undefined && ARRIVAL_CODES.has(entry.code))
        .sort((a, b) => (ARRIVAL_CODES.get(a.code as string) ?? 9) - (ARRIVAL_CODES.get(b.code as string) ?? 9) || timeOfEntry(a) - timeOfEntry(b));
      const first = arrivals[0];
      const path = `module[${moduleIndex}].realMailNo`;
      if (!first) {
        result.warnings.push({ kind: 'other', path, errors: [`the next leg '${nextNumber}' has no customs release or arrival scan to date the hand-over; no HANDED_OVER event was made`] });
      } else {
        entries.push({
          path,
          raw: { realMailNo: item.realMailNo ?? null, copyRealMailNo: item.copyRealMailNo ?? null, destCpInfo: item.destCpInfo ?? null },
          trackingNumber: mailNo,
          code: REAL_MAIL_NO_HANDOVER_CODE,
          milestone: 'HANDED_OVER',
          time: first.time,
          handover: handoverOf(path),
        });
      }
    }
    buildItemEvents(
      entries,
      {
        origin: text(item.originCountry),
        destination: text(item.destCountry),
        originPath: `module[${moduleIndex}].originCountry`,
        destinationPath: `module[${moduleIndex}].destCountry`,
      },
      CAINIAO_CODE_MAP,
      result,
    );
  });
  return result;
}
