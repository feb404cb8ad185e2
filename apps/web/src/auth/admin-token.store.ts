// The only place that knows how the dashboard authenticates. Real user sign-in will replace
// this module; callers only read, save and clear "the token".
const STORAGE_KEY = 'lanewatch.adminToken';

// sessionStorage so the token dies with the tab; access can throw when storage is disabled.
export function readAdminToken(): string | null {
  try {
    const token = window.sessionStorage.getItem(STORAGE_KEY);
    return token && token.trim() !== '' ? token : null;
  } catch {
    return null;
  }
}

export function saveAdminToken(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Without storage the token still lives in memory for this page; a reload asks again.
  }
}

export function clearAdminToken(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored, so there is nothing to clear.
  }
}

export function authorizationHeader(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
