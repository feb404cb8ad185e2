// Evaluates every enabled SLA policy at asOf (default: when the job runs). Repeatable, and added
// (debounced under a fixed job id) after ingestion.
export const SLA_EVALUATION_JOB = 'sla-evaluation';
export const SLA_EVALUATION_DEBOUNCE_JOB_ID = 'sla-evaluation-after-ingest';

export interface SlaEvaluationJobPayload {
  asOf?: string;
}
