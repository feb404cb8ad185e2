import { DateTime } from 'luxon';
import { AdapterContext, AdapterResult, emptyResult, PayloadShapeError } from '../adapter.types';
import { buildItemEvents, Entry } from '../event-builder';
import { arrayAt, isRecord, JsonRecord, text } from '../payload.util';
import type { LocalTimeResult } from '../time-zones';
import { CAINIAO_CODE_MAP, cainiaoFamilyMilestone } from './cainiao.code-map';

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

/**
 * Cainiao tracking detail `{"module": [{mailNo, originCountry, destCountry, destCpInfo: {cpName},
 * copyRealMailNo, detailList: [{time, timeZone, actionCode, desc, standerdDesc}]}]}`. GTMS_ACCEPT
 * hands the parcel to `destCpInfo.cpName` under `copyRealMailNo`.
 */
export function adaptCainiao(payload: unknown, context: AdapterContext): AdapterResult {
  if (!isRecord(payload) || !Array.isArray(payload.module)) throw new PayloadShapeError('body must be a Cainiao tracking detail object with a "module" array');
  const result = emptyResult();
  payload.module.forEach((moduleEntry, moduleIndex) => {
    const item: JsonRecord = isRecord(moduleEntry) ? moduleEntry : {};
    const mailNo = text(item.mailNo);
    const nextNumber = text(item.copyRealMailNo);
    const nextName = isRecord(item.destCpInfo) ? text(item.destCpInfo.cpName) : undefined;
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
      };
      if (code === 'GTMS_ACCEPT') {
        entry.milestone = 'HANDED_OVER';
        const nextCarrier = nextName ? context.resolveCarrier(nextName) : null;
        if (!nextNumber || nextNumber === mailNo) {
          result.warnings.push({ path, errors: ['copyRealMailNo is missing: the next leg is unknown, the hand-over is kept without it'] });
        } else if (!nextCarrier) {
          result.warnings.push({
            path,
            errors: [`destCpInfo.cpName '${nextName ?? ''}' is not a registered carrier; the hand-over to '${nextNumber}' is kept without its handover (register the carrier to link the last mile)`],
          });
        } else {
          entry.handover = { carrier: nextCarrier, trackingNumber: nextNumber };
        }
      }
      return entry;
    });
    buildItemEvents(entries, { origin: text(item.originCountry), destination: text(item.destCountry) }, CAINIAO_CODE_MAP, result);
  });
  return result;
}
