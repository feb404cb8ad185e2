import type { AlertInput, EmailMessage } from './alert-message.util';

/** "Send test" on a channel: no breach, delivered through the same queue, sender and checks as one. */
export interface ChannelTestAlert {
  type: 'channel.test';
  testId: string;
  channelName: string;
  requestedBy: string;
  requestedAt: string;
}

export type DeliverableAlert = AlertInput | ChannelTestAlert;

export interface ChannelTestPayload {
  type: 'channel.test';
  idempotencyKey: string;
  test: true;
  channel: string;
  requestedBy: string;
  requestedAt: string;
  text: string;
}

export const isChannelTest = (alert: DeliverableAlert): alert is ChannelTestAlert => alert.type === 'channel.test';

export const channelTestKey = (testId: string) => `test:${testId}`;

const slackEscape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const htmlEscape = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const utc = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`);

/** The webhook body of a test: says plainly it is a test, so a receiver's rules can drop it. */
export function channelTestPayload(alert: ChannelTestAlert): ChannelTestPayload {
  return {
    type: 'channel.test',
    idempotencyKey: channelTestKey(alert.testId),
    test: true,
    channel: alert.channelName,
    requestedBy: alert.requestedBy,
    requestedAt: alert.requestedAt,
    text: `:wrench: *Lanewatch test alert* for channel ${slackEscape(alert.channelName)}, sent by ${slackEscape(alert.requestedBy)} at ${utc(alert.requestedAt)}. No breach: nothing to do.`,
  };
}

export function channelTestEmail(alert: ChannelTestAlert): EmailMessage {
  const lines = [`Channel: ${alert.channelName}`, `Sent by: ${alert.requestedBy}`, `At: ${utc(alert.requestedAt)}`, 'No breach: nothing to do.'];
  return {
    subject: `[Lanewatch] Test alert for ${alert.channelName}`.replace(/[\r\n]+/g, ' '),
    text: ['Lanewatch test alert', '', ...lines].join('\n'),
    html: `<h2>Lanewatch test alert</h2>\n${lines.map((line) => `<p>${htmlEscape(line)}</p>`).join('\n')}`,
  };
}
