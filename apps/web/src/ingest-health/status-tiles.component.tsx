import type { IngestStatus } from '../api/api-types';
import { formatCount } from './format.util';

type Tone = 'neutral' | 'warning' | 'bad';

type TileDefinition = {
  field: keyof IngestStatus;
  label: string;
  hint: string;
  tone: (value: number) => Tone;
};

const neutral = (): Tone => 'neutral';

// Hints answer "should I worry?" for an operator who does not know the pipeline by heart.
const TILES: readonly TileDefinition[] = [
  {
    field: 'pendingBatches',
    label: 'Pending batches',
    hint: 'Accepted, not processed yet. At 0 every accepted event is in shipments and KPIs.',
    tone: neutral,
  },
  { field: 'processedBatches', label: 'Processed batches', hint: 'Batches fully processed.', tone: neutral },
  {
    field: 'failedBatches',
    label: 'Failed batches',
    hint: 'Batches whose processing failed; check the worker logs.',
    tone: (value) => (value > 0 ? 'bad' : 'neutral'),
  },
  { field: 'eventsStored', label: 'Events stored', hint: 'Distinct events kept, duplicates excluded.', tone: neutral },
  { field: 'duplicates', label: 'Duplicates', hint: 'Re-sent events, stored once.', tone: neutral },
  {
    field: 'unlinkedEvents',
    label: 'Unlinked events',
    hint: 'Waiting for a hand-over to join their shipment.',
    tone: neutral,
  },
  {
    field: 'unmappedEvents',
    label: 'Unmapped events',
    hint: 'Raw codes missing from a carrier code map; left out of KPIs.',
    tone: (value) => (value > 0 ? 'warning' : 'neutral'),
  },
  {
    field: 'deadLetters',
    label: 'Dead letters',
    hint: 'Accepted events the database refused, each set aside with its reason.',
    tone: (value) => (value > 0 ? 'bad' : 'neutral'),
  },
  {
    field: 'derivationBacklog',
    label: 'Derivation backlog',
    hint: 'Legs waiting to be derived; their batches count as pending.',
    tone: neutral,
  },
  {
    field: 'compactionBacklog',
    label: 'Compaction backlog',
    hint: 'Rollup changes not folded in yet. Reads add them in: a cost, not a lag.',
    tone: neutral,
  },
];

type StatusTilesProps = { status: IngestStatus; stale: boolean };

export function StatusTiles({ status, stale }: StatusTilesProps) {
  return (
    <section aria-labelledby="ingest-figures-heading" className="panel">
      <h2 id="ingest-figures-heading">Ingest pipeline{stale ? ' (last known values)' : ''}</h2>
      <dl className={stale ? 'tile-grid tile-grid--stale' : 'tile-grid'}>
        {TILES.map(({ field, label, hint, tone }) => {
          const value = status[field];
          return (
            <div key={field} className={`tile tile--${tone(value)}`} data-field={field}>
              <dt className="tile__label">{label}</dt>
              <dd className="tile__value">{formatCount(value)}</dd>
              <dd className="tile__hint">{hint}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
