import { STATEMENT_REVIEW_SOURCE, ReviewStatementSource } from '@lanewatch/sla';

/** The statement part of the review pack: the statement service's readStatement (contracts.md §3). */
export const REVIEW_STATEMENT_SOURCE: ReviewStatementSource = STATEMENT_REVIEW_SOURCE;
