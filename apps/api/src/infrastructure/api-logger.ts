import { ConsoleLogger, LogLevel } from '@nestjs/common';
import { showsLog } from './api-log-filter.util';

const NEST_LEVELS: Record<string, LogLevel[]> = {
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
};

/**
 * The API's logger: Nest's console logger at the configured level, without colour codes when the
 * output is not a terminal (npm start and the demo prefix and pipe it), and without the start-up
 * chatter below debug.
 */
export class ApiLogger extends ConsoleLogger {
  constructor(private readonly logLevel: string) {
    super({ logLevels: NEST_LEVELS[logLevel] ?? NEST_LEVELS.info, colors: Boolean(process.stdout.isTTY) });
  }

  override log(message: unknown, context?: string): void {
    if (!showsLog(context, this.logLevel)) return;
    if (context === undefined) super.log(message);
    else super.log(message, context);
  }
}
