import { Fragment, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { CarrierScorecard } from '../api/api-types';
import type { SlaPolicy } from '../api/sla-types';
import { carrierPath } from '../carriers/carrier-detail.util';
import { formatScorecardCell, SCORECARD_COLUMNS, type Verdict } from './scorecard-columns.util';
import { scorecardCellVerdict } from './scorecard-verdict.util';

type ScorecardRowProps = {
  row: CarrierScorecard;
  selected: boolean;
  carrierSearch: string;
  policies: readonly SlaPolicy[];
  // An extra, unsorted cell (the sparkline) placed after the column with this id.
  trend?: ReactNode;
  trendAfterColumnId?: string;
};

const VERDICT_WORDS: Record<Verdict, string> = { good: 'meets target', warning: 'at risk', bad: 'misses target' };

export function ScorecardRow({ row, selected, carrierSearch, policies, trend, trendAfterColumnId }: ScorecardRowProps) {
  return (
    <tr className={selected ? 'scorecard__row scorecard__row--selected' : 'scorecard__row'}>
      {SCORECARD_COLUMNS.map((column) => {
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
        return (
          <td key={column.id} className="scorecard__number" data-verdict={judged?.verdict ?? undefined} title={judged?.description}>
            {content}
            {judged ? (
              <span className="visually-hidden">
                {judged.verdict === null ? '' : `${VERDICT_WORDS[judged.verdict]}. `}
                {judged.description}
              </span>
            ) : null}
          </td>
        );
      })}
    </tr>
  );
}
