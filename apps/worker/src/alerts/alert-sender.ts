import { AlertInput, emailMessage, IDEMPOTENCY_KEY_HEADER, SIGNATURE_HEADER, signWebhook, webhookPayload } from '@lanewatch/domain';
import { createTransport, Transporter } from 'nodemailer';

const WEBHOOK_TIMEOUT_MS = 10_000;

/** POSTs the signed webhook body (sla.md §4); any non-2xx answer is a failure to retry. */
export async function sendWebhook(input: { url: string; secret: string; alert: AlertInput; nowSec: number }): Promise<void> {
  const payload = webhookPayload(input.alert);
  const body = JSON.stringify(payload);
  const response = await fetch(input.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Lanewatch-Alerts',
      [SIGNATURE_HEADER]: signWebhook({ secret: input.secret, timestampSec: input.nowSec, body }),
      [IDEMPOTENCY_KEY_HEADER]: payload.idempotencyKey,
    },
    body,
    signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
  });
  // Drain the body so the connection is released.
  await response.arrayBuffer().catch(() => undefined);
  if (!response.ok) throw new Error(`webhook answered ${response.status}`);
}

export class EmailSender {
  private transport: Transporter | null = null;

  constructor(private readonly smtpUrl: string | undefined, private readonly from: string) {}

  async send(input: { to: string; alert: AlertInput }): Promise<void> {
    if (!this.smtpUrl) throw new Error('SMTP_URL is not configured: e-mail channels cannot deliver');
    this.transport ??= createTransport(this.smtpUrl);
    const message = emailMessage(input.alert);
    const key = webhookPayload(input.alert).idempotencyKey;
    await this.transport.sendMail({
      from: this.from,
      to: input.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: { [IDEMPOTENCY_KEY_HEADER]: key },
      messageId: `<${key.replace(/[^A-Za-z0-9.:-]/g, '-')}@lanewatch>`,
    });
  }

  close(): void {
    this.transport?.close();
  }
}
