import {
  channelTestEmail,
  channelTestPayload,
  checkWebhookUrl,
  classifyAddress,
  DeliverableAlert,
  emailMessage,
  IDEMPOTENCY_KEY_HEADER,
  isChannelTest,
  refusalOf,
  webhookPayload,
} from '@lanewatch/domain';
import { SIGNATURE_HEADER, signWebhook } from '@lanewatch/crypto';
import { lookup as dnsLookup } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { createTransport, Transporter } from 'nodemailer';

const WEBHOOK_TIMEOUT_MS = 10_000;

/** The answers a resolver gives for a name, as `dns.lookup` with `all: true` does. */
export type ResolveAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolve: ResolveAll = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/**
 * A failed delivery. `message` is what the channel shows to admins and viewers (`lastError`): the
 * HTTP status when the receiver answered, otherwise one generic sentence, so a channel cannot be used
 * to tell a closed port from a filtered one or a non-HTTP service. `detail` goes to the worker log.
 */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly detail: string,
  ) {
    super(message);
  }
}

export const NO_ANSWER = 'delivery failed: no HTTP answer from the receiver';
export const NOT_PUBLIC = 'delivery refused: the target is not a public address (see ALERT_ALLOW_PRIVATE_TARGETS)';

/**
 * The lookup the connection itself uses: every address the name resolves to is checked, and the socket
 * connects to those checked addresses, so a name that re-resolves elsewhere (DNS rebinding) between a
 * check and the connect cannot slip through. One refused answer refuses the name.
 */
function checkedLookup(resolve: ResolveAll, allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (answers) => {
        const refused = answers.find((answer) => refusalOf(classifyAddress(answer.address), allowPrivate) !== null);
        if (refused || answers.length === 0) {
          const detail = refused ? `${hostname} resolves to ${refused.address}; ${refused.address} ${refusalOf(classifyAddress(refused.address), allowPrivate)}` : `${hostname} resolves to nothing`;
          callback(new DeliveryFailure(refused ? NOT_PUBLIC : NO_ANSWER, detail), '', 0);
        } else if (options.all) {
          (callback as unknown as (error: null, addresses: { address: string; family: number }[]) => void)(null, answers);
        } else {
          callback(null, answers[0].address, answers[0].family);
        }
      },
      (error: Error) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}

/**
 * POSTs the signed webhook body (sla.md §4) to a public address only (events.md §9): the URL is checked
 * as written, then every address its name resolves to, by the lookup the connection uses. Redirects
 * are not followed (a 3xx is a failure); any non-2xx answer is a failure to retry.
 */
export async function sendWebhook(input: {
  url: string;
  secret: string;
  alert: DeliverableAlert;
  nowSec: number;
  allowPrivate: boolean;
  resolve?: ResolveAll;
  timeoutMs?: number;
}): Promise<void> {
  const target = checkWebhookUrl({ url: input.url, allowPrivate: input.allowPrivate });
  if (!target.ok) throw new DeliveryFailure(target.error.startsWith('host ') ? NOT_PUBLIC : 'delivery refused: the channel URL is not valid', `url ${target.error}`);
  // A channel test goes through the same checks, signature and connection as a breach alert.
  const payload = isChannelTest(input.alert) ? channelTestPayload(input.alert) : webhookPayload(input.alert);
  const body = JSON.stringify(payload);
  const status = await post({
    url: target.url,
    host: target.host,
    // A literal address was checked above and is connected to as is (Node does no lookup for it).
    lookup: target.isAddress ? undefined : checkedLookup(input.resolve ?? systemResolve, input.allowPrivate),
    headers: {
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'user-agent': 'Lanewatch-Alerts',
      [SIGNATURE_HEADER]: signWebhook({ secret: input.secret, timestampSec: input.nowSec, body }),
      [IDEMPOTENCY_KEY_HEADER]: payload.idempotencyKey,
    },
    body,
    timeoutMs: input.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
  });
  if (status >= 300 && status < 400) throw new DeliveryFailure(`webhook answered ${status}; redirects are not followed`, `redirect ${status} from ${target.url.host}`);
  if (status < 200 || status >= 300) throw new DeliveryFailure(`webhook answered ${status}`, `status ${status} from ${target.url.host}`);
}

/** One request; resolves with the status, without reading the body. */
function post(input: { url: URL; host: string; lookup: LookupFunction | undefined; headers: Record<string, string>; body: string; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = input.url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send({
      protocol: input.url.protocol,
      host: input.host,
      port: input.url.port || undefined,
      path: `${input.url.pathname}${input.url.search}`,
      method: 'POST',
      headers: { host: input.url.host, ...input.headers },
      lookup: input.lookup,
      // Its own connection: a pooled socket would skip the checked lookup. TLS still checks the certificate against the name.
      agent: false,
    });
    const timer = setTimeout(() => request.destroy(new Error(`no answer within ${input.timeoutMs} ms`)), input.timeoutMs);
    request.on('response', (response) => {
      clearTimeout(timer);
      resolve(response.statusCode ?? 0);
      response.destroy();
    });
    request.on('error', (error) => {
      clearTimeout(timer);
      reject(error instanceof DeliveryFailure ? error : new DeliveryFailure(NO_ANSWER, `${input.url.host}: ${error.message}`));
    });
    request.end(input.body);
  });
}

export class EmailSender {
  private transport: Transporter | null = null;

  constructor(private readonly smtpUrl: string | undefined, private readonly from: string) {}

  async send(input: { to: string; alert: DeliverableAlert }): Promise<void> {
    if (!this.smtpUrl) throw new Error('SMTP_URL is not configured: e-mail channels cannot deliver');
    this.transport ??= createTransport(this.smtpUrl);
    const { alert } = input;
    const message = isChannelTest(alert) ? channelTestEmail(alert) : emailMessage(alert);
    const key = isChannelTest(alert) ? channelTestPayload(alert).idempotencyKey : webhookPayload(alert).idempotencyKey;
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
