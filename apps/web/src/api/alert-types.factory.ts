import type { NotificationChannel } from './alert-types';

// A healthy webhook channel sending every alert, with overrides per scenario.
export const channelFactory = (overrides: Partial<NotificationChannel> = {}): NotificationChannel => ({
  id: 'channel-1',
  name: 'ops webhook',
  kind: 'webhook',
  target: 'https://hooks.example.test/lanewatch',
  severities: [],
  carriers: [],
  corridors: [],
  enabled: true,
  healthy: true,
  consecutiveFailures: 0,
  lastError: null,
  lastSuccessAt: null,
  ...overrides,
});
