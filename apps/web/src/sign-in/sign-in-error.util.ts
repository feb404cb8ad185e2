import { ApiError, UnauthorizedError } from '../api/api-errors';

export const WRONG_CREDENTIALS_MESSAGE = 'Email or password is incorrect.';

export function formatWait(seconds: number): string {
  if (seconds < 60) {
    return seconds <= 1 ? '1 second' : `${seconds} seconds`;
  }
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

// One message for a wrong email and a wrong password, as the API gives one 401 for both.
export function describeLoginError(error: unknown): string {
  if (error instanceof UnauthorizedError || (error instanceof ApiError && error.status === 401)) {
    return WRONG_CREDENTIALS_MESSAGE;
  }
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfterSeconds === null ? 'a few minutes' : formatWait(error.retryAfterSeconds);
    return `Too many sign-in attempts for this email. Try again in ${wait}.`;
  }
  if (error instanceof ApiError && error.status === 400 && error.reasons.length > 0) {
    return `Check the form: ${error.reasons.join('; ')}.`;
  }
  return error instanceof Error ? `Could not sign in: ${error.message}.` : 'Could not sign in.';
}
