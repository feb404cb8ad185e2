import { type FormEvent, useId, useState } from 'react';
import { formatUtcRange } from '../shared/kpi-format.util';
import {
  DATE_RANGE_PRESETS,
  type DateRange,
  type DateRangePresetId,
  inclusiveDateInputs,
  matchPreset,
  presetRange,
  rangeFromDateInputs,
} from './date-range.util';

type DateRangeControlProps = { range: DateRange; nowMs: number; onChange: (range: DateRange) => void };

const CUSTOM = 'custom';

export function DateRangeControl({ range, nowMs, onChange }: DateRangeControlProps) {
  const selectId = useId();
  const summaryId = useId();
  const [customOpen, setCustomOpen] = useState(false);
  const preset = matchPreset({ range, nowMs });
  const choice = customOpen || preset === null ? CUSTOM : preset;

  function choose(value: string): void {
    if (value === CUSTOM) {
      setCustomOpen(true);
      return;
    }
    setCustomOpen(false);
    onChange(presetRange({ presetId: value as DateRangePresetId, nowMs }));
  }

  return (
    <div className="date-range">
      <div className="field">
        <label htmlFor={selectId}>Date range</label>
        <select id={selectId} value={choice} onChange={(event) => choose(event.target.value)} aria-describedby={summaryId}>
          {DATE_RANGE_PRESETS.map(({ id, label }) => (
            <option key={id} value={id}>
              {label}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </div>
      {choice === CUSTOM ? (
        // Keyed by the range so the fields show the current range again after Back or a preset.
        <CustomRangeForm
          key={`${range.fromMs}-${range.toMs}`}
          range={range}
          onApply={(next) => {
            setCustomOpen(false);
            onChange(next);
          }}
        />
      ) : null}
      <p id={summaryId} className="date-range__summary">
        {formatUtcRange(range)}
      </p>
    </div>
  );
}

type CustomRangeFormProps = { range: DateRange; onApply: (range: DateRange) => void };

function CustomRangeForm({ range, onApply }: CustomRangeFormProps) {
  const firstId = useId();
  const lastId = useId();
  const errorId = useId();
  const initial = inclusiveDateInputs(range);
  const [firstDay, setFirstDay] = useState(initial.firstDay);
  const [lastDay, setLastDay] = useState(initial.lastDay);
  const [error, setError] = useState<string | null>(null);

  function handleSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const result = rangeFromDateInputs({ firstDay, lastDay });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    onApply(result.range);
  }

  return (
    <form className="date-range__custom" onSubmit={handleSubmit} noValidate aria-label="Custom date range">
      <div className="field">
        <label htmlFor={firstId}>First day (UTC)</label>
        <input
          id={firstId}
          type="date"
          value={firstDay}
          onChange={(event) => setFirstDay(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          required
        />
      </div>
      <div className="field">
        <label htmlFor={lastId}>Last day (UTC, included)</label>
        <input
          id={lastId}
          type="date"
          value={lastDay}
          onChange={(event) => setLastDay(event.target.value)}
          aria-invalid={error !== null}
          aria-describedby={error ? errorId : undefined}
          required
        />
      </div>
      <button type="submit">Apply</button>
      {error ? (
        <p id={errorId} className="field__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
