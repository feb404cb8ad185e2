import type { SqlRunner } from '@lanewatch/db';
import type { ReviewStatement, StatementTerm } from '@lanewatch/domain';
import { readStatement, StatementView } from '../statements';
import type { ReviewStatementSource } from './read-review-pack';

const STATUS_WORDS: Record<StatementView['status'], string> = { draft: 'draft', issued: 'issued', revised: 'issued, with a revision pending' };

function line(term: StatementTerm) {
  const consequence = term.consequence;
  if (!consequence) return { term: term.term, consequence: 'none', amount: '0', arithmetic: 'no consequence attached to this term' };
  const arithmetic = [...consequence.arithmetic, ...(consequence.note ? [consequence.note] : [])].join('; ');
  return { term: term.term, consequence: consequence.kind, amount: consequence.amount, arithmetic };
}

/** The review pack's statement part from the statement service (readStatement: the issued one, or the draft). */
export function reviewStatementOf(view: StatementView): ReviewStatement {
  const { statement } = view;
  return {
    status: view.revision === null ? STATUS_WORDS[view.status] : `${STATUS_WORDS[view.status]} (revision ${view.revision})`,
    currency: statement.currency ?? '',
    totalBeforeCap: statement.totals.beforeCap,
    totalAfterCap: statement.totals.afterCap,
    lines: statement.terms.map(line),
    disputes: view.disputes.map((dispute) => ({ trackingNumber: dispute.trackingNumber, reason: dispute.reason, status: dispute.status, note: dispute.note })),
  };
}

/** Where the review pack reads its statement: the same read as GET .../statements/{month}. */
export const STATEMENT_REVIEW_SOURCE: ReviewStatementSource = async (runner: SqlRunner, input) => {
  const result = await readStatement(runner, input.carrier, input.month, input.asOf);
  if (result.kind === 'view') return { statement: reviewStatementOf(result.view), note: null, timeZone: result.view.statement.contract.timeZone };
  return { statement: null, note: 'no statement: no contract of this carrier is in force for the month' };
};
