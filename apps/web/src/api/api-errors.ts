// Kept apart from api-client.ts (which reads import.meta.env) so pure helpers and their specs can use them.
export class UnauthorizedError extends Error {
  constructor() {
    super('The API did not accept the token');
    this.name = 'UnauthorizedError';
  }
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    // The API's own sentences (`threshold must be …`), for showing next to the field they name.
    readonly reasons: readonly string[] = [],
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
