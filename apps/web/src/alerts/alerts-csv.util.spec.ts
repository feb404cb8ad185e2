import { describe, expect, it } from '@jest/globals';
import type { Silence } from '../api/alert-types';
import { channelFactory } from '../api/alert-types.factory';
import { channelsCsv, silencesCsv, silenceState } from './alerts-csv.util';

const channel = channelFactory({
  id: 'c1',
  name: 'ops, night',
  target: 'https://hooks.example.test/x',
  severities: ['critical', 'major'],
  corridors: ['CN-BR'],
  healthy: false,
  consecutiveFailures: 3,
  lastError: 'HTTP 500',
});

const silence: Silence = {
  id: 's1',
  from: '2026-11-20T00:00:00Z',
  to: '2026-11-21T00:00:00Z',
  carrier: 'e2e-late',
  corridor: null,
  severity: null,
  policyId: null,
  reason: 'Planned depot outage',
  createdBy: 'morgan@lanewatch.test',
};

describe('channelsCsv', () => {
  it('writes raw fields, lists joined with |, and empty cells for no value', () => {
    expect(channelsCsv([channel]).split('\r\n')).toEqual([
      'id,name,kind,target,enabled,severities,carriers,corridors,healthy,consecutive_failures,last_error,last_success_at',
      'c1,"ops, night",webhook,https://hooks.example.test/x,true,critical|major,,CN-BR,false,3,HTTP 500,',
      '',
    ]);
  });
});

describe('silences', () => {
  it('is scheduled before its start, active inside, ended from its end', () => {
    expect(silenceState(silence, Date.parse('2026-11-19T23:59:59Z'))).toBe('scheduled');
    expect(silenceState(silence, Date.parse('2026-11-20T00:00:00Z'))).toBe('active');
    expect(silenceState(silence, Date.parse('2026-11-21T00:00:00Z'))).toBe('ended');
  });

  it('writes one line per silence with its state at the given instant', () => {
    expect(silencesCsv([silence], Date.parse('2026-11-20T12:00:00Z')).split('\r\n')[1]).toBe(
      's1,Planned depot outage,e2e-late,,,,2026-11-20T00:00:00Z,2026-11-21T00:00:00Z,active,morgan@lanewatch.test',
    );
  });
});
