import type { CSSProperties } from 'react';
import { type CorridorMetric, type Heatmap, heatmapKey } from './corridor-heatmap.util';

type CorridorHeatmapProps = {
  heatmap: Heatmap;
  metric: CorridorMetric;
  selectedCorridor: string | null;
  onSelect: (corridor: string) => void;
};

// A table so screen readers announce origin and destination headers; every lane with data is a button.
export function CorridorHeatmap({ heatmap, metric, selectedCorridor, onSelect }: CorridorHeatmapProps) {
  return (
    <div className="table-scroll" role="region" aria-label={`Corridor heatmap of ${metric.label}`} tabIndex={0}>
      <table className="heatmap">
        <caption className="visually-hidden">
          {metric.label} per lane: rows are origin countries, columns destination countries. Darker is worse.
        </caption>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Origin, then destination</span>
              <span aria-hidden="true">From ↓ To →</span>
            </th>
            {heatmap.destinations.map((destination) => (
              <th key={destination} scope="col">
                {destination}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {heatmap.origins.map((origin) => (
            <tr key={origin}>
              <th scope="row">{origin}</th>
              {heatmap.destinations.map((destination) => {
                const cell = heatmap.cells.get(heatmapKey(origin, destination));
                if (cell === undefined) {
                  return (
                    <td key={destination} className="heatmap__empty">
                      <span className="visually-hidden">no shipments from {origin} to {destination}</span>
                    </td>
                  );
                }
                const style = { '--heat': cell.heat ?? 0 } as CSSProperties;
                const selected = cell.corridor === selectedCorridor;
                return (
                  <td key={destination}>
                    <button
                      type="button"
                      className="heatmap__cell"
                      data-no-data={cell.heat === null ? 'true' : undefined}
                      style={style}
                      aria-label={cell.label}
                      aria-pressed={selected}
                      title={cell.label}
                      onClick={() => onSelect(cell.corridor)}
                    >
                      <span className="heatmap__value">{cell.text}</span>
                      <span className="heatmap__sample">n {cell.sample ?? '—'}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
