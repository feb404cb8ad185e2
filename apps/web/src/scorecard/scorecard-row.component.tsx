import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { CarrierScorecard } from '../api/api-types';
import type { Breach, SlaPolicy } from '../api/sla-types';
import { carrierPath } from '../carriers/carrier-detail.util';
import { applicableTargets, openBreachesOn, shortBreachBadge, targetsInWords } from './applicable-targets.util';
import { formatScorecardCell, SCORECARD_TABLE_COLUMNS, type Verdict } from './scorecard-columns.util';
import { scorecardCellVerdict } from './scorecard-verdict.util';

type ScorecardRowProps = {
  row: CarrierScorecard;
  selected: boolean;
  carrierSearch: string;
  policies: readonly SlaPolicy[];
  openBreaches?: readonly Breach[];
  // An extra, unsorted cell (the sparkline) placed after the column with this id.
  trend?: ReactNode;
  trendAfterColumnId?: string;
};

const VERDICT_WORDS: Record<Verdict, string> = { good: 'meets target', warning: 'at risk', bad: 'misses target' };

export function ScorecardRow({ row, selected, carrierSearch, policies, openBreaches = [], trend, trendAfterColumnId }: ScorecardRowProps) {
  return (
    <tr className={selected ? 'scorecard__row scorecard__row--selected' : 'scorecard__row'}>
      {SCORECARD_TABLE_COLUMNS.map((column) => {
        const cell = formatScorecardCell(column, row);
        const content = (
          <>
            {cell.missing ? (
              <>
                <span aria-hidden="true" className="no-data" title="No data">
                  {cell.text}
                </span>
                <span className="visually-hidden">no data</span>
              </>
            ) : column.kind === 'text' ? (
              <Link className="scorecard__value" to={carrierPath(row.carrier, carrierSearch)}>
                {cell.text}
              </Link>
            ) : (
              <span className="scorecard__value">{cell.text}</span>
            )}
            {cell.interval ? <span className="scorecard__detail">{cell.interval}</span> : null}
            {cell.detail ? <span className="scorecard__detail">{cell.detail}</span> : null}
          </>
        );
        if (column.kind === 'text') {
          return (
            <Fragment key={column.id}>
              <th scope="row" className="scorecard__carrier">
                {content}
              </th>
              {trend !== undefined && column.id === trendAfterColumnId ? <td className="scorecard__trend">{trend}</td> : null}
            </Fragment>
          );
        }
        // The verdict colours the cell via data-verdict in styles.css; the words carry it for screen readers.
        const judged = scorecardCellVerdict({ column, row, policies });
        const metric = column.sla?.metric;
        const breaches = metric === undefined ? [] : openBreachesOn({ breaches: openBreaches, metric, carrier: row.carrier });
        const targets = metric === undefined ? [] : applicableTargets({ policies, metric, carrier: row.carrier });
        const title = [judged?.description, targets.length > 0 ? `Targets: ${targetsInWords(targets)}` : null].filter(Boolean).join('. ');
        return (
          <td
            key={column.id}
            className="scorecard__number"
            data-verdict={judged?.verdict ?? undefined}
            data-breached={breaches[0]?.severity}
            title={title || undefined}
          >
            {content}
            {breaches.map((breach) => (
              <span key={breach.id} className={`severity severity--${breach.severity} scorecard__badge`} data-breach-badge="">
                {shortBreachBadge(breach)}
              </span>
            ))}
            {judged || targets.length > 0 ? (
              <span className="visually-hidden">
                {judged?.verdict ? `${VERDICT_WORDS[judged.verdict]}. ` : ''}
                {title}
              </span>
            ) : null}
          </td>
        );
      })}
    </tr>
  );
}
