// Pure (no Nest import), so the unit project can load it.
/** Nest's start-up chatter: one line per module and per route, useful only when debugging. */
const BOOT_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory', 'NestApplication']);

/** Whether a `log`-level message is shown: start-up chatter only at LOG_LEVEL=debug. */
export function showsLog(context: string | undefined, logLevel: string): boolean {
  return logLevel === 'debug' || context === undefined || !BOOT_CONTEXTS.has(context);
}
