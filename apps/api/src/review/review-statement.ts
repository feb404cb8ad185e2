import { NO_STATEMENT_SOURCE, ReviewStatementSource } from '@lanewatch/pipeline';

/**
 * The statement part of the review pack. Wired to the statement service (branch c17stmt's
 * computeStatement, contracts.md §3) once it is merged; until then the pack says there is none.
 */
export const REVIEW_STATEMENT_SOURCE: ReviewStatementSource = NO_STATEMENT_SOURCE;
