import { type FormEvent, useId, useState } from 'react';
import { BREACH_STATUSES, SLA_SEVERITIES } from '../api/sla-types';
import { type BreachFilters, filterValueProblem } from './breach-filters.util';

type BreachFilterFormProps = { filters: BreachFilters; onApply: (filters: BreachFilters) => void };

// Selects apply at once; the typed codes apply on submit, once they are valid.
export function BreachFilterForm({ filters, onApply }: BreachFilterFormProps) {
  const ids = { status: useId(), severity: useId(), carrier: useId(), corridor: useId() };
  const [carrier, setCarrier] = useState(filters.carrier ?? '');
  const [corridor, setCorridor] = useState(filters.corridor ?? '');
  const carrierProblem = filterValueProblem('carrier', carrier);
  const corridorProblem = filterValueProblem('corridor', corridor);

  function submit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    if (carrierProblem !== null || corridorProblem !== null) {
      return;
    }
    onApply({ ...filters, carrier: carrier.trim() || null, corridor: corridor.trim() || null });
  }

  return (
    <form className="filter-form" onSubmit={submit} aria-label="Filter breaches">
      <div className="field">
        <label htmlFor={ids.status}>Status</label>
        <select
          id={ids.status}
          value={filters.status ?? ''}
          onChange={(event) => onApply({ ...filters, status: (event.target.value || null) as BreachFilters['status'] })}
        >
          <option value="">Any status</option>
          {BREACH_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.severity}>Severity</label>
        <select
          id={ids.severity}
          value={filters.severity ?? ''}
          onChange={(event) => onApply({ ...filters, severity: (event.target.value || null) as BreachFilters['severity'] })}
        >
          <option value="">Any severity</option>
          {SLA_SEVERITIES.map((severity) => (
            <option key={severity} value={severity}>
              {severity}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.carrier}>Carrier</label>
        <input
          id={ids.carrier}
          value={carrier}
          placeholder="e.g. correios"
          onChange={(event) => setCarrier(event.target.value)}
          aria-invalid={carrierProblem !== null}
          aria-describedby={carrierProblem ? `${ids.carrier}-error` : undefined}
        />
        {carrierProblem ? (
          <p id={`${ids.carrier}-error`} className="field__error">
            {carrierProblem}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={ids.corridor}>Corridor</label>
        <input
          id={ids.corridor}
          value={corridor}
          placeholder="e.g. CN-BR"
          onChange={(event) => setCorridor(event.target.value)}
          aria-invalid={corridorProblem !== null}
          aria-describedby={corridorProblem ? `${ids.corridor}-error` : undefined}
        />
        {corridorProblem ? (
          <p id={`${ids.corridor}-error`} className="field__error">
            {corridorProblem}
          </p>
        ) : null}
      </div>
      <button type="submit">Apply filters</button>
    </form>
  );
}
