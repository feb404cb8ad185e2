/** What a command may touch: injected so a command runs the same from the entry point and from a test. */
export interface CliIo {
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadableStream;
  out(line: string): void;
  err(line: string): void;
}

/** One top-level command of `npm run lanewatch -- <name> …`, in its own module under scripts/cli/. */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string[];
  /** Resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 64; // EX_USAGE

/** A mistake on the command line: the message is printed with the command's usage. */
export class CliUsageError extends Error {}

export async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
