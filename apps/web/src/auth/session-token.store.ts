// The only place that knows where the dashboard keeps its credential: a user's session token or,
// for operators, the admin token. Both are bearer tokens; the API tells them apart.
const STORAGE_KEY = 'lanewatch.sessionToken';

// sessionStorage so the token dies with the tab; access can throw when storage is disabled.
export function readStoredToken(): string | null {
  try {
    const token = window.sessionStorage.getItem(STORAGE_KEY);
    return token && token.trim() !== '' ? token : null;
  } catch {
    return null;
  }
}

export function saveStoredToken(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Without storage the token still lives in memory for this page; a reload asks again.
  }
}

export function clearStoredToken(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored, so there is nothing to clear.
  }
}

export function authorizationHeader(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}
