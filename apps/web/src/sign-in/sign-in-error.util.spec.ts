import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../api/api-errors';
import { describeLoginError, formatWait, WRONG_CREDENTIALS_MESSAGE } from './sign-in-error.util';

describe('describeLoginError', () => {
  it('a 401 is one message for a wrong email or a wrong password', () => {
    expect(describeLoginError(new ApiError('x', 401))).toBe(WRONG_CREDENTIALS_MESSAGE);
  });

  it('a 429 says how long to wait, from Retry-After', () => {
    expect(describeLoginError(new ApiError('x', 429, [], 540))).toBe('Too many sign-in attempts for this email. Try again in 9 minutes.');
  });

  it('a 429 without Retry-After still answers', () => {
    expect(describeLoginError(new ApiError('x', 429))).toBe('Too many sign-in attempts for this email. Try again in a few minutes.');
  });

  it('a 400 lists what the API named', () => {
    expect(describeLoginError(new ApiError('x', 400, ['email must be an e-mail address']))).toBe(
      'Check the form: email must be an e-mail address.',
    );
  });
});

describe('formatWait', () => {
  it.each([
    [1, '1 second'],
    [45, '45 seconds'],
    [60, '1 minute'],
    [61, '2 minutes'],
  ])('%i s reads "%s"', (seconds, expected) => {
    expect(formatWait(seconds)).toBe(expected);
  });
});
