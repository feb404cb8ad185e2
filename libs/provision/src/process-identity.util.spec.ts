import { isProcessAlive, isSameProcess, processStartMarker, startTimeFromProcStat } from './process-identity.util';

describe('startTimeFromProcStat', () => {
  const fieldsAfterCommand = ['S', '1', '2', '3', '0', '-1', '4194560', '100', '0', '0', '0', '1', '2', '0', '0', '20', '0', '1', '0', '98765', '1000'];

  it('reads field 22', () => {
    expect(startTimeFromProcStat(`1234 (node) ${fieldsAfterCommand.join(' ')}`)).toBe('98765');
  });

  it('copes with spaces and parentheses in the command name', () => {
    expect(startTimeFromProcStat(`1234 (my (odd) name) ${fieldsAfterCommand.join(' ')}`)).toBe('98765');
  });

  it('returns undefined for a truncated line', () => {
    expect(startTimeFromProcStat('1234 (node) S 1 2')).toBeUndefined();
  });
});

describe('isSameProcess', () => {
  it('recognises the current process by pid and start marker', () => {
    expect(isSameProcess({ pid: process.pid, startMarker: processStartMarker(process.pid) })).toBe(true);
  });

  it('rejects a live pid whose start marker differs (the pid was reused)', () => {
    expect(isSameProcess({ pid: process.pid, startMarker: 'some-other-boot:1' })).toBe(false);
  });

  it('rejects a pid that is not running', () => {
    expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
    expect(isSameProcess({ pid: 2 ** 22 + 12345 })).toBe(false);
  });
});
