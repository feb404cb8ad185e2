import type { CarrierEntity } from '../entities/carrier.entity';
import type { EventEntity } from '../entities/event.entity';
import type { UnmappedCodeEntity } from '../entities/unmapped-code.entity';
import type { ColumnsOf, TableRow } from '../table-row';
import { rows, SqlRunner } from './sql-runner';

// The bounds of one suggestions read: every lookup walks events_carrier_code_idx
// (carrier_id, raw_code, id) backwards and stops after a few rows.
export const SUGGESTION_BOUNDS = {
  // Unmapped codes looked at, most events first, and their latest unmapped events sampled.
  codes: 50,
  eventsPerCode: 200,
  textsPerCode: 10,
  // Other carriers' mapped codes, and the latest events with a message sampled of each.
  peerCodes: 2000,
  eventsPerPeerCode: 10,
} as const;

// Lower case and letter-digit runs (tracking numbers) dropped: the first steps of the domain's
// normaliseMessage, so texts that differ only there group together; the domain finishes the job.
const roughText = (column: string) => `btrim(regexp_replace(lower(${column}), '[a-z0-9]*[0-9][a-z0-9]*', ' ', 'g'))`;

type EventColumn<Column extends keyof TableRow<EventEntity>> = TableRow<EventEntity>[Column];

/** An unmapped code's events grouped by rough message text: how many, and up to three of their messages. */
export type UnmappedSampleRow = ColumnsOf<UnmappedCodeEntity, 'raw_code'> & {
  text: string;
  events: number;
  examples: NonNullable<EventColumn<'message'>>[];
};

/** The commonest texts among the latest unmapped events of the carrier's commonest unmapped codes. */
export async function unmappedCodeSamples(runner: SqlRunner, carrierId: number, codes?: readonly string[]): Promise<UnmappedSampleRow[]> {
  return rows<UnmappedSampleRow>(
    runner,
    `WITH codes AS (
       SELECT raw_code FROM unmapped_codes
        WHERE carrier_id = $1 AND event_count > 0 AND ($2::text[] IS NULL OR raw_code = ANY($2::text[]))
        ORDER BY event_count DESC, raw_code LIMIT $3
     ), texts AS (
       SELECT c.raw_code, ${roughText('s.message')} AS text, count(*)::int AS events,
              (array_agg(DISTINCT s.message))[1:3] AS examples
         FROM codes c
         CROSS JOIN LATERAL (
           SELECT e.message FROM events e
            WHERE e.carrier_id = $1 AND e.raw_code = c.raw_code AND e.milestone IS NULL
            ORDER BY e.id DESC LIMIT $4
         ) s
        WHERE s.message IS NOT NULL
        GROUP BY 1, 2
     )
     SELECT raw_code, text, events, examples FROM (
       SELECT t.*, row_number() OVER (PARTITION BY raw_code ORDER BY events DESC, text) AS rank FROM texts t
     ) ranked
     WHERE rank <= $5
     ORDER BY raw_code, events DESC, text`,
    [carrierId, codes ?? null, SUGGESTION_BOUNDS.codes, SUGGESTION_BOUNDS.eventsPerCode, SUGGESTION_BOUNDS.textsPerCode],
  );
}

/** Other carriers' mapped events grouped by rough message text and milestone, with the carriers' codes. */
export type PeerTextRow = {
  text: string;
  milestone: NonNullable<EventColumn<'milestone'>>;
  events: number;
  carriers: TableRow<CarrierEntity>['code'][];
};

/** How other carriers' mapped events read: a bounded sample of each mapped code's latest events, by text and milestone. */
export async function peerMappedTexts(runner: SqlRunner, carrierId: number): Promise<PeerTextRow[]> {
  return rows<PeerTextRow>(
    runner,
    `WITH peer_codes AS (
       SELECT m.carrier_id, m.raw_code FROM code_map_entries m
        WHERE m.carrier_id <> $1
        ORDER BY m.updated_at DESC, m.carrier_id, m.raw_code LIMIT $2
     )
     SELECT ${roughText('s.message')} AS text, s.milestone, count(*)::int AS events,
            array_agg(DISTINCT c.code ORDER BY c.code) AS carriers
       FROM peer_codes p
       JOIN carriers c ON c.id = p.carrier_id
       CROSS JOIN LATERAL (
         SELECT e.message, e.milestone FROM events e
          WHERE e.carrier_id = p.carrier_id AND e.raw_code = p.raw_code AND e.milestone IS NOT NULL AND e.message IS NOT NULL
          ORDER BY e.id DESC LIMIT $3
       ) s
      GROUP BY 1, 2`,
    [carrierId, SUGGESTION_BOUNDS.peerCodes, SUGGESTION_BOUNDS.eventsPerPeerCode],
  );
}
