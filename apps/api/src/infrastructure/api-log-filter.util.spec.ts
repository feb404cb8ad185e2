import { showsLog } from './api-log-filter.util';

describe('API log lines', () => {
  it("hides Nest's start-up chatter below debug and keeps the API's own lines", () => {
    expect(showsLog('RouterExplorer', 'info')).toBe(false);
    expect(showsLog('InstanceLoader', 'info')).toBe(false);
    expect(showsLog('Lanewatch', 'info')).toBe(true);
    expect(showsLog(undefined, 'info')).toBe(true);
  });

  it('shows everything at debug', () => {
    expect(showsLog('RouterExplorer', 'debug')).toBe(true);
  });
});
