import { channelTestEmail, channelTestPayload, isChannelTest } from './channel-test.util';

const test = { type: 'channel.test' as const, testId: 't-1', channelName: 'ops <hook>', requestedBy: 'ana@example.com', requestedAt: '2026-11-23T10:05:00.000Z' };

describe('channel test alert', () => {
  it('is told apart from a breach alert', () => {
    expect(isChannelTest(test)).toBe(true);
  });

  it('webhook body says it is a test, with its own idempotency key and escaped Slack text', () => {
    const payload = channelTestPayload(test);
    expect(payload).toMatchObject({ type: 'channel.test', idempotencyKey: 'test:t-1', test: true, channel: 'ops <hook>' });
    expect(payload.text).toContain('ops &lt;hook&gt;');
    expect(payload.text).toContain('2026-11-23 10:05 UTC');
  });

  it('e-mail subject names the channel on one line and the HTML is escaped', () => {
    const message = channelTestEmail({ ...test, channelName: 'ops\r\nBcc: x' });
    expect(message.subject).toBe('[Lanewatch] Test alert for ops Bcc: x');
    expect(channelTestEmail(test).html).toContain('ops &lt;hook&gt;');
  });
});
