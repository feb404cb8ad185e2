import { BreachStatus } from './breach-transition.util';
import { SLA_METRIC_INFO, SlaMetric } from './sla-metric.util';
import { SlaOp, SlaSeverity } from './sla-policy.schema';

export const IDEMPOTENCY_KEY_HEADER = 'X-Lanewatch-Idempotency-Key';

export type AlertTransition = 'opened' | 'resolved' | 'reminder';
export type AlertType = `breach.${AlertTransition}`;

/** A breach as the API shows it (sla.md §3), plus the policy's name and severity for routing and text. */
export interface AlertBreach {
  id: string;
  policyId: string;
  policyName: string;
  severity: SlaSeverity;
  carrier: string | null;
  corridor: string | null;
  serviceLevel: string | null;
  metric: SlaMetric;
  op: SlaOp;
  threshold: number;
  value: number;
  worstValue: number;
  sample: number;
  windowFrom: string;
  windowTo: string;
  status: BreachStatus;
  openedAt: string;
  lastEvaluatedAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
}

export type AlertInput =
  | { type: 'breach.opened' | 'breach.resolved'; breach: AlertBreach; dashboardUrl?: string }
  /** `reminder` numbers the reminders of one breach from 1, so each is delivered once, and each one. */
  | { type: 'breach.reminder'; reminder: number; breach: AlertBreach; dashboardUrl?: string };

export interface WebhookPayload {
  type: AlertType;
  idempotencyKey: string;
  breach: AlertBreach;
  text: string;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/**
 * `breachId:transition` (sla.md §4), sent in a header and the body so a receiver can drop a retried
 * delivery. Reminders repeat, so each carries its number: `breachId:reminder:3`.
 */
export function alertIdempotencyKey(breachId: string, transition: 'opened' | 'resolved'): string;
export function alertIdempotencyKey(breachId: string, transition: 'reminder', reminder: number): string;
export function alertIdempotencyKey(breachId: string, transition: AlertTransition, reminder?: number): string {
  if (transition !== 'reminder') return `${breachId}:${transition}`;
  if (!Number.isSafeInteger(reminder) || (reminder as number) < 1) throw new RangeError(`reminder must be an integer from 1, got ${reminder}`);
  return `${breachId}:reminder:${reminder}`;
}

const idempotencyKeyOf = (input: AlertInput) =>
  input.type === 'breach.reminder' ? alertIdempotencyKey(input.breach.id, 'reminder', input.reminder) : alertIdempotencyKey(input.breach.id, input.type === 'breach.opened' ? 'opened' : 'resolved');

/** The webhook body (sla.md §4); sign `JSON.stringify` of it with `signWebhook`. */
export function webhookPayload(input: AlertInput): WebhookPayload {
  const facts = breachFacts(input.breach);
  const link = input.dashboardUrl ? `\n<${slackEscape(input.dashboardUrl)}|Open in Lanewatch>` : '';
  const text =
    `${SLACK_ICON[input.type]} *${headline(input.type)}* [${facts.severity}] ${slackEscape(facts.policyName)}\n` +
    `${slackEscape(facts.scope)}: ${facts.metricLabel} ${facts.value} (${facts.requirement}; worst ${facts.worst}), ` +
    `sample ${facts.sample}, window ${facts.window}${timeline(input.type, facts)}${link}`;
  return { type: input.type, idempotencyKey: idempotencyKeyOf(input), breach: input.breach, text };
}

/** One message per transition (sla.md §4): the breach's facts in the subject, text and HTML body. */
export function emailMessage(input: AlertInput): EmailMessage {
  const facts = breachFacts(input.breach);
  // Header values must not carry line breaks (header injection through a policy name).
  const subject = `[Lanewatch] [${facts.severity}] ${headline(input.type)}: ${facts.policyName} (${facts.scope}) ${facts.metricLabel} ${facts.value}, ${facts.requirement}`.replace(/[\r\n]+/g, ' ');
  const rows: [string, string][] = [
    ['Policy', facts.policyName],
    ['Severity', facts.severity],
    ['Scope', facts.scope],
    ['Metric', `${facts.metricLabel} (${input.breach.metric})`],
    ['Value', facts.value],
    ['Threshold', facts.requirement],
    ['Worst value', facts.worst],
    ['Sample', facts.sample],
    ['Window', facts.window],
    ['Status', input.breach.status],
    ['Opened', utc(input.breach.openedAt)],
    ['Last evaluated', utc(input.breach.lastEvaluatedAt)],
    ...(input.breach.acknowledgedAt ? ([['Acknowledged', `${utc(input.breach.acknowledgedAt)}${input.breach.acknowledgedBy ? ` by ${input.breach.acknowledgedBy}` : ''}`]] as [string, string][]) : []),
    ...(input.breach.resolvedAt ? ([['Resolved', utc(input.breach.resolvedAt)]] as [string, string][]) : []),
    ['Idempotency key', idempotencyKeyOf(input)],
  ];
  const text = [`${headline(input.type)}: ${facts.policyName}`, '', ...rows.map(([label, value]) => `${label}: ${value}`), ...(input.dashboardUrl ? ['', input.dashboardUrl] : [])].join('\n');
  const html =
    `<h2>${htmlEscape(headline(input.type))}: ${htmlEscape(facts.policyName)}</h2>\n<table>\n` +
    rows.map(([label, value]) => `<tr><th align="left">${htmlEscape(label)}</th><td>${htmlEscape(value)}</td></tr>`).join('\n') +
    '\n</table>' +
    (input.dashboardUrl ? `\n<p><a href="${htmlEscape(input.dashboardUrl)}">Open in Lanewatch</a></p>` : '');
  return { subject, text, html };
}

/** A metric value in its unit: rates as percentages, durations in days or hours; at most 2 decimals. */
export function formatMetricValue(metric: SlaMetric, value: number): string {
  const round = (x: number) => String(Math.round(x * 100) / 100);
  const { unit } = SLA_METRIC_INFO[metric];
  if (unit === 'rate') return `${round(value * 100)}%`;
  return unit === 'days' ? `${round(value)} d` : `${round(value)} h`;
}

const METRIC_LABEL: Record<SlaMetric, string> = {
  transit_mean_days: 'mean transit',
  transit_p50_days: 'median transit',
  transit_p90_days: 'p90 transit',
  transit_p95_days: 'p95 transit',
  transit_stddev_days: 'transit std. deviation',
  customs_hold_mean_hours: 'mean customs hold',
  customs_hold_p90_hours: 'p90 customs hold',
  first_attempt_rate: 'first-attempt rate',
  on_time_rate: 'on-time rate',
  feed_latency_p95_hours: 'p95 feed latency',
  unmapped_rate: 'unmapped rate',
  silent_rate: 'silent rate',
  clock_mean_days: 'mean contract-clock days',
  clock_p90_days: 'p90 contract-clock days',
  clock_p95_days: 'p95 contract-clock days',
  clock_within_rate: 'share within the contract allowance',
};

const SLACK_ICON: Record<AlertType, string> = {
  'breach.opened': ':rotating_light:',
  'breach.resolved': ':white_check_mark:',
  'breach.reminder': ':bell:',
};

const headline = (type: AlertType) => ({ 'breach.opened': 'SLA breach opened', 'breach.resolved': 'SLA breach resolved', 'breach.reminder': 'SLA breach still open' })[type];

function breachFacts(breach: AlertBreach) {
  const scope = [breach.carrier ?? 'all carriers', breach.corridor ?? 'all corridors', breach.serviceLevel ?? 'all service levels'].join(' · ');
  return {
    policyName: breach.policyName,
    severity: breach.severity,
    scope,
    metricLabel: METRIC_LABEL[breach.metric],
    value: formatMetricValue(breach.metric, breach.value),
    worst: formatMetricValue(breach.metric, breach.worstValue),
    requirement: `must be ${breach.op === 'lte' ? '≤' : '≥'} ${formatMetricValue(breach.metric, breach.threshold)}`,
    sample: String(breach.sample),
    window: `${utc(breach.windowFrom)} → ${utc(breach.windowTo)}`,
    openedAt: utc(breach.openedAt),
    resolvedAt: breach.resolvedAt ? utc(breach.resolvedAt) : null,
  };
}

function timeline(type: AlertType, facts: ReturnType<typeof breachFacts>): string {
  if (type === 'breach.resolved') return `\nOpened ${facts.openedAt}, resolved ${facts.resolvedAt ?? 'now'}`;
  if (type === 'breach.reminder') return `\nOpen since ${facts.openedAt}`;
  return '';
}

// "2026-11-23T00:00:00.000Z" → "2026-11-23 00:00 UTC"; anything unparseable is shown as given.
function utc(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

// Slack's mrkdwn reserves only these three characters.
const slackEscape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlEscape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
