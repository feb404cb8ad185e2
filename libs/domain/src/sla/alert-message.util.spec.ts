import { alertIdempotencyKey, emailMessage, formatMetricValue, webhookPayload } from './alert-message.util';
import { alertBreach } from './sla-test.factory';

describe('alertIdempotencyKey', () => {
  it('is breachId:transition', () => {
    expect(alertIdempotencyKey('b-42', 'opened')).toBe('b-42:opened');
    expect(alertIdempotencyKey('b-42', 'resolved')).toBe('b-42:resolved');
  });

  it('numbers reminders, so the second reminder is not dropped as a repeat of the first', () => {
    expect(alertIdempotencyKey('b-42', 'reminder', 1)).toBe('b-42:reminder:1');
    expect(alertIdempotencyKey('b-42', 'reminder', 2)).not.toBe(alertIdempotencyKey('b-42', 'reminder', 1));
  });

  it('refuses a reminder number below 1', () => {
    expect(() => alertIdempotencyKey('b-42', 'reminder', 0)).toThrow('reminder must be an integer from 1, got 0');
  });
});

describe('webhookPayload', () => {
  it('carries type, idempotency key, the breach and a Slack text with the facts', () => {
    const breach = alertBreach();
    const payload = webhookPayload({ type: 'breach.opened', breach, dashboardUrl: 'https://lanewatch.example/breaches/b-42' });
    expect(payload).toEqual({ type: 'breach.opened', idempotencyKey: 'b-42:opened', breach, text: expect.any(String) });
    expect(payload.text).toBe(
      ':rotating_light: *SLA breach opened* [critical] Correios CN-BR first attempt\n' +
        'correios · CN-BR · all service levels: first-attempt rate 84.2% (must be ≥ 90%; worst 81%), sample 233, ' +
        'window 2026-11-16 00:00 UTC → 2026-11-23 00:00 UTC\n' +
        '<https://lanewatch.example/breaches/b-42|Open in Lanewatch>',
    );
  });

  it('says when a resolved breach opened and resolved', () => {
    const payload = webhookPayload({ type: 'breach.resolved', breach: alertBreach({ status: 'resolved', resolvedAt: '2026-11-24T12:00:00.000Z' }) });
    expect(payload.idempotencyKey).toBe('b-42:resolved');
    expect(payload.text).toContain(':white_check_mark: *SLA breach resolved*');
    expect(payload.text).toContain('Opened 2026-11-20 06:00 UTC, resolved 2026-11-24 12:00 UTC');
  });

  it('keys a reminder by its number', () => {
    const payload = webhookPayload({ type: 'breach.reminder', reminder: 3, breach: alertBreach() });
    expect(payload.idempotencyKey).toBe('b-42:reminder:3');
    expect(payload.text).toContain('Open since 2026-11-20 06:00 UTC');
  });

  it('writes durations in their unit and aggregates as "all …"', () => {
    const breach = alertBreach({ metric: 'transit_p90_days', op: 'lte', threshold: 14, value: 15.456, worstValue: 16.2, carrier: null, corridor: null, serviceLevel: 'express' });
    expect(webhookPayload({ type: 'breach.opened', breach }).text).toContain('all carriers · all corridors · express: p90 transit 15.46 d (must be ≤ 14 d; worst 16.2 d)');
  });

  it("escapes Slack's reserved characters in names", () => {
    const text = webhookPayload({ type: 'breach.opened', breach: alertBreach({ policyName: 'A&B <@channel>' }) }).text;
    expect(text).toContain('A&amp;B &lt;@channel&gt;');
    expect(text).not.toContain('<@channel>');
  });
});

describe('emailMessage', () => {
  it("puts the breach's facts in subject, text and HTML", () => {
    const message = emailMessage({ type: 'breach.opened', breach: alertBreach(), dashboardUrl: 'https://lanewatch.example/b/42' });
    expect(message.subject).toBe('[Lanewatch] [critical] SLA breach opened: Correios CN-BR first attempt (correios · CN-BR · all service levels) first-attempt rate 84.2%, must be ≥ 90%');
    for (const fact of ['Value: 84.2%', 'Threshold: must be ≥ 90%', 'Worst value: 81%', 'Sample: 233', 'Window: 2026-11-16 00:00 UTC → 2026-11-23 00:00 UTC', 'Idempotency key: b-42:opened', 'https://lanewatch.example/b/42']) {
      expect(message.text).toContain(fact);
    }
    expect(message.html).toContain('<tr><th align="left">Sample</th><td>233</td></tr>');
    expect(message.html).toContain('<a href="https://lanewatch.example/b/42">');
  });

  it('keeps line breaks out of the subject', () => {
    expect(emailMessage({ type: 'breach.opened', breach: alertBreach({ policyName: 'Lane\r\nBcc: someone@example.com' }) }).subject).not.toMatch(/[\r\n]/);
  });

  it('escapes HTML in names', () => {
    const html = emailMessage({ type: 'breach.opened', breach: alertBreach({ policyName: '<script>x</script>' }) }).html;
    expect(html).toContain('&lt;script&gt;');
    expect(html).not.toContain('<script>');
  });

  it('shows acknowledgement and resolution when there are any', () => {
    const text = emailMessage({ type: 'breach.resolved', breach: alertBreach({ status: 'resolved', acknowledgedAt: '2026-11-21T08:00:00Z', acknowledgedBy: 'ana', resolvedAt: '2026-11-24T12:00:00Z' }) }).text;
    expect(text).toContain('Acknowledged: 2026-11-21 08:00 UTC by ana');
    expect(text).toContain('Resolved: 2026-11-24 12:00 UTC');
  });
});

describe('formatMetricValue', () => {
  it('writes rates as percentages, days and hours with their unit, at most two decimals', () => {
    expect(formatMetricValue('on_time_rate', 0.9372)).toBe('93.72%');
    expect(formatMetricValue('first_attempt_rate', 1)).toBe('100%');
    expect(formatMetricValue('transit_mean_days', 9.4149)).toBe('9.41 d');
    expect(formatMetricValue('customs_hold_p90_hours', 110.5)).toBe('110.5 h');
  });
});
