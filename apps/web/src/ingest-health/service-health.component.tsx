import type { DependencyHealth, HealthReport } from '../api/api-types';

type ServiceHealthProps = { health: HealthReport | null; error: string | null; loading: boolean };

type DependencyRowProps = { name: string; dependency: DependencyHealth | null };

function DependencyRow({ name, dependency }: DependencyRowProps) {
  const state = dependency === null ? 'unknown' : dependency.ok ? 'up' : 'down';
  const text = { unknown: 'Unknown', up: 'Reachable', down: 'Unreachable' }[state];
  return (
    <li className={`dependency dependency--${state}`}>
      {/* The dot is decoration; the word carries the state for screen readers and colour-blind users. */}
      <span className="dependency__dot" aria-hidden="true" />
      <span className="dependency__name">{name}</span>
      <span className="dependency__state">{text}</span>
    </li>
  );
}

export function ServiceHealth({ health, error, loading }: ServiceHealthProps) {
  let summary: string;
  if (health) {
    summary = health.status === 'ok' ? 'All dependencies healthy' : 'Degraded';
  } else if (loading) {
    summary = 'Checking…';
  } else {
    summary = 'Health unknown';
  }
  return (
    <section aria-labelledby="service-health-heading" className="panel">
      <h2 id="service-health-heading">Service health</h2>
      <p className={`health-summary health-summary--${health?.status ?? 'unknown'}`}>{summary}</p>
      <ul className="dependency-list">
        <DependencyRow name="PostgreSQL" dependency={health?.postgres ?? null} />
        <DependencyRow name="Redis" dependency={health?.redis ?? null} />
      </ul>
      {error ? <p className="panel__note">Health check failed: {error}</p> : null}
    </section>
  );
}
