import { channelMatches, isSilenced, reminderDue, RoutableBreach, Silence } from './alert-routing.util';

const breach: RoutableBreach = { policyId: 'p-7', severity: 'critical', carrier: 'correios', corridor: 'CN-BR' };
const at = new Date('2026-12-24T12:00:00Z');
const holiday = (overrides: Partial<Silence> = {}): Silence => ({ from: new Date('2026-12-24T00:00:00Z'), to: new Date('2026-12-26T00:00:00Z'), ...overrides });

describe('channelMatches', () => {
  it('a channel without filters takes every breach', () => {
    expect(channelMatches({ channel: {}, breach })).toBe(true);
    expect(channelMatches({ channel: { severities: [], carriers: null }, breach })).toBe(true);
  });

  it('filters by severity', () => {
    expect(channelMatches({ channel: { severities: ['critical'] }, breach })).toBe(true);
    expect(channelMatches({ channel: { severities: ['major', 'minor'] }, breach })).toBe(false);
  });

  it('filters by carrier and corridor together', () => {
    expect(channelMatches({ channel: { carriers: ['correios'], corridors: ['CN-BR', 'US-BR'] }, breach })).toBe(true);
    expect(channelMatches({ channel: { carriers: ['correios'], corridors: ['US-BR'] }, breach })).toBe(false);
  });

  it('a carrier filter does not take a breach of an aggregate policy', () => {
    expect(channelMatches({ channel: { carriers: ['correios'] }, breach: { ...breach, carrier: null } })).toBe(false);
  });
});

describe('isSilenced', () => {
  it('mutes a matching alert during the silence', () => {
    expect(isSilenced({ silences: [holiday({ carrier: 'correios' })], breach, at })).toBe(true);
  });

  it('runs from "from" included to "to" excluded', () => {
    const silence = holiday();
    expect(isSilenced({ silences: [silence], breach, at: silence.from })).toBe(true);
    expect(isSilenced({ silences: [silence], breach, at: silence.to })).toBe(false);
    expect(isSilenced({ silences: [silence], breach, at: new Date(silence.from.getTime() - 1) })).toBe(false);
  });

  it('needs every field it sets to match', () => {
    expect(isSilenced({ silences: [holiday({ carrier: 'correios', corridor: 'US-BR' })], breach, at })).toBe(false);
    expect(isSilenced({ silences: [holiday({ severity: 'minor' })], breach, at })).toBe(false);
    expect(isSilenced({ silences: [holiday({ policyId: 'p-8' })], breach, at })).toBe(false);
    expect(isSilenced({ silences: [holiday({ carrier: 'correios', corridor: 'CN-BR', severity: 'critical', policyId: 'p-7' })], breach, at })).toBe(true);
  });

  it('is off with no silences', () => {
    expect(isSilenced({ silences: [], breach, at })).toBe(false);
  });
});

describe('reminderDue', () => {
  const openedAt = new Date('2026-11-23T00:00:00Z');
  const hoursLater = (hours: number) => new Date(openedAt.getTime() + hours * 3_600_000);

  it('is due once the interval has passed since the last message', () => {
    expect(reminderDue({ breach: { status: 'open', openedAt }, lastNotifiedAt: hoursLater(1), intervalMinutes: 240, asOf: hoursLater(5) })).toBe(true);
    expect(reminderDue({ breach: { status: 'open', openedAt }, lastNotifiedAt: hoursLater(1), intervalMinutes: 240, asOf: hoursLater(4.99) })).toBe(false);
  });

  it('counts from the opening when nothing was sent since', () => {
    expect(reminderDue({ breach: { status: 'open', openedAt }, lastNotifiedAt: null, intervalMinutes: 60, asOf: hoursLater(1) })).toBe(true);
  });

  it('acknowledging stops reminders', () => {
    expect(reminderDue({ breach: { status: 'acknowledged', openedAt }, lastNotifiedAt: null, intervalMinutes: 60, asOf: hoursLater(48) })).toBe(false);
  });

  it('a resolved breach gets no reminder', () => {
    expect(reminderDue({ breach: { status: 'resolved', openedAt }, lastNotifiedAt: null, intervalMinutes: 60, asOf: hoursLater(48) })).toBe(false);
  });

  it('a non-positive interval turns reminders off', () => {
    expect(reminderDue({ breach: { status: 'open', openedAt }, lastNotifiedAt: null, intervalMinutes: 0, asOf: hoursLater(48) })).toBe(false);
  });
});
