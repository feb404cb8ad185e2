export type LogLevel = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

export interface Logger {
  error(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  debug(message: string, context?: Record<string, unknown>): void;
}

/** JSON lines on stdout: one object per line, easy to ship to any log store. */
export function createLogger(service: string, level: LogLevel): Logger {
  const write = (at: LogLevel) => (message: string, context: Record<string, unknown> = {}) => {
    if (RANK[at] > RANK[level]) return;
    process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), level: at, service, message, ...context })}\n`);
  };
  return { error: write('error'), warn: write('warn'), info: write('info'), debug: write('debug') };
}
