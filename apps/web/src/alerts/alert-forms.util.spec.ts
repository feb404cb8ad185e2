import { describe, expect, it } from '@jest/globals';
import {
  channelBody,
  channelHealth,
  describeSilenceScope,
  EMPTY_CHANNEL_DRAFT,
  emptySilenceDraft,
  errorsForFields,
  silenceBody,
  splitList,
  utcInstant,
} from './alert-forms.util';

describe('splitList', () => {
  it('splits on commas, spaces and line breaks and drops empties', () => {
    expect(splitList(' correios, dhl\nusps ,, ')).toEqual(['correios', 'dhl', 'usps']);
    expect(splitList('')).toEqual([]);
  });
});

describe('channelBody', () => {
  it('sends a webhook target as url, severities in severity order', () => {
    const body = channelBody({ ...EMPTY_CHANNEL_DRAFT, name: ' ops ', target: ' https://x.test/h ', severities: ['minor', 'critical'] });
    expect(body).toEqual({ name: 'ops', kind: 'webhook', url: 'https://x.test/h', severities: ['critical', 'minor'], carriers: [], corridors: [] });
  });

  it('sends an email target as address with carrier and corridor lists', () => {
    const body = channelBody({ ...EMPTY_CHANNEL_DRAFT, kind: 'email', target: 'ops@x.test', carriers: 'correios', corridors: 'CN-BR, US-DE' });
    expect(body).toMatchObject({ kind: 'email', address: 'ops@x.test', carriers: ['correios'], corridors: ['CN-BR', 'US-DE'] });
    expect(body).not.toHaveProperty('url');
  });
});

describe('silences', () => {
  it('starts a new silence now for two hours, in UTC', () => {
    const draft = emptySilenceDraft(Date.parse('2026-11-23T10:05:30Z'));
    expect([draft.from, draft.to]).toEqual(['2026-11-23T10:05', '2026-11-23T12:05']);
  });

  it('reads a datetime-local value as UTC and leaves anything else for the API to judge', () => {
    expect(utcInstant('2026-11-23T10:00')).toBe('2026-11-23T10:00:00Z');
    expect(utcInstant('tomorrow')).toBe('tomorrow');
  });

  it('sends empty scope fields as null and trims the reason', () => {
    const body = silenceBody({ from: '2026-11-23T10:00', to: '2026-11-23T12:00', carrier: 'dhl', corridor: ' ', severity: '', reason: ' deploy ' });
    expect(body).toEqual({
      from: '2026-11-23T10:00:00Z',
      to: '2026-11-23T12:00:00Z',
      carrier: 'dhl',
      corridor: null,
      severity: null,
      reason: 'deploy',
    });
  });

  it('describes an unscoped silence as muting everything', () => {
    expect(describeSilenceScope({ carrier: null, corridor: 'CN-BR', severity: null })).toBe('all carriers · CN-BR · every severity');
  });
});

describe('errorsForFields', () => {
  it('puts each API sentence at the field it names, aliases included, the rest aside', () => {
    const result = errorsForFields({
      errors: ['url must be an http:// or https:// URL', 'carriers.1 must be a carrier code', 'body is broken'],
      fields: ['name', 'target', 'carriers'] as const,
      aliases: { url: 'target', address: 'target' },
    });
    expect(result.fields).toEqual({ target: ['url must be an http:// or https:// URL'], carriers: ['carriers.1 must be a carrier code'] });
    expect(result.other).toEqual(['body is broken']);
  });
});

describe('channelHealth', () => {
  it('reads healthy, recovering and unhealthy channels', () => {
    expect(channelHealth({ healthy: true, consecutiveFailures: 0 })).toBe('healthy');
    expect(channelHealth({ healthy: true, consecutiveFailures: 2 })).toBe('healthy, 2 failed in a row');
    expect(channelHealth({ healthy: false, consecutiveFailures: 5 })).toBe('unhealthy, 5 failed in a row');
  });
});
