import { AFTERSHIP_REAL_CORPUS } from './aftership/aftership.real-corpus';
import { CAINIAO_REAL_CORPUS } from './cainiao/cainiao.real-corpus';
import { EASYPOST_REAL_CORPUS } from './easypost/easypost.real-corpus';
import { FORMAT_DEFINITIONS } from './formats.registry';
import { SEVENTEEN_TRACK_REAL_CORPUS } from './seventeen-track/seventeen-track.real-corpus';
import { canonicalErrors, context } from './testing/fixture.util';
import type { CorpusPayload, ExpectedEvent } from './testing/real-corpus.types';

// issue 14: the adapters are judged on real public payloads (fixtures/real/SOURCES.md), each with
// the canonical events a careful reader expects from it under formats.md.
const CORPUS: CorpusPayload[] = [...AFTERSHIP_REAL_CORPUS, ...SEVENTEEN_TRACK_REAL_CORPUS, ...CAINIAO_REAL_CORPUS, ...EASYPOST_REAL_CORPUS];

const adapt = (payload: CorpusPayload) => FORMAT_DEFINITIONS[payload.format].adapt(payload.body(), context);
const milestoneOf = (payload: CorpusPayload, event: { milestone?: string; code?: string }) =>
  event.milestone ?? (event.code ? FORMAT_DEFINITIONS[payload.format].codeMap[event.code] : undefined) ?? null;
const detailsOf = (extra: ExpectedEvent[3]) => (typeof extra === 'string' ? { city: extra } : (extra ?? {}));

describe('real payload corpus', () => {
  it('holds at least 30 real payloads', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
  });

  it('gets the right milestone for at least 98 % of the real events, and prints the figure', () => {
    const rows = CORPUS.map((payload) => {
      const adapted = adapt(payload).events;
      const right = payload.events.filter(([, milestone], index) => adapted[index] && milestoneOf(payload, adapted[index].event) === milestone).length;
      return { format: payload.format, file: payload.file, name: payload.name, events: payload.events.length, right };
    });
    const events = rows.reduce((sum, row) => sum + row.events, 0);
    const right = rows.reduce((sum, row) => sum + row.right, 0);
    const share = right / events;
    // Scans formats.md keeps unmapped (UNCLASSIFIED, administrative notes) count as right when left unmapped: say how many.
    const unmapped = CORPUS.reduce((sum, payload) => sum + payload.events.filter(([, milestone]) => milestone === null).length, 0);
    const perFormat = [...new Set(rows.map((row) => row.format))].map((format) => `${format} ${rows.filter((row) => row.format === format).length}`);
    const table = rows.map((row) => `${row.format.padEnd(10)} ${row.name.padEnd(24)} ${String(row.events).padStart(3)} ${String(row.right).padStart(3)}  ${row.file}`);
    // The figure issue 14 asks for, printed on every run.
    console.log(
      `real corpus: ${CORPUS.length} payloads (${perFormat.join(', ')}), ${events} events (${unmapped} expected unmapped), ${right} right, share ${(share * 100).toFixed(1)} %\n${table.join('\n')}`,
    );
    expect(events).toBeGreaterThan(0);
    expect(share).toBeGreaterThanOrEqual(0.98);
  });

  describe.each(CORPUS.map((payload) => [`${payload.format} ${payload.name}`, payload] as const))('%s', (_name, payload) => {
    it('keeps every scan, with its code, time and place', () => {
      const result = adapt(payload);
      expect(result.rejected).toEqual([]);
      expect(
        result.events.map(({ event }) => [event.code, event.occurredAt, event.location?.city ?? null, event.location?.country ?? null, event.location?.facility ?? null, event.subtype ?? null]),
      ).toEqual(
        payload.events.map(([code, , occurredAt, extra]) => {
          const details = detailsOf(extra);
          return [code, occurredAt, details.city ?? null, details.country ?? null, details.facility ?? null, details.subtype ?? null];
        }),
      );
      expect(canonicalErrors(result, payload.format === 'cainiao' ? 'cainiao' : 'usps')).toEqual([]);
    });

    it('gets each milestone right', () => {
      expect(adapt(payload).events.map(({ event }) => milestoneOf(payload, event))).toEqual(payload.events.map(([, milestone]) => milestone));
    });

    it('resolves every hand-over, origin, destination and estimate the payload carries', () => {
      const result = adapt(payload);
      expect(result.events.map(({ event }) => event.handover ?? null)).toEqual(payload.events.map(([, , , extra]) => detailsOf(extra).handover ?? null));
      for (const { event } of result.events) {
        expect(event.trackingNumber).toBe(payload.trackingNumber);
        expect(event.shipment).toEqual(payload.shipment);
      }
      expect(result.estimates.map((estimate) => estimate.carrierEstimate)).toEqual(payload.estimate ? [payload.estimate] : []);
      // Every country name resolves and every next leg is linked, or the payload's expectation names why not.
      expect(result.warnings).toEqual(payload.warnings ?? []);
    });
  });
});
