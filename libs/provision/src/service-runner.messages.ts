// Messages between provisionServices and the detached runner process that owns one server.

export const RUNNER_SPEC_ENV = 'LANEWATCH_SERVICE_RUNNER_SPEC';

export type RunnerSpec =
  | {
      kind: 'postgres';
      databaseDir: string;
      port: number;
      user: string;
      password: string;
      initialise: boolean;
    }
  | {
      kind: 'redis';
      command: string;
      args: string[];
      cwd: string;
    };

export type RunnerMessage =
  | { type: 'output'; line: string }
  | { type: 'ready'; serverPid: number }
  | { type: 'failed'; message: string }
  | { type: 'exited' };

export type RunnerCommand = { type: 'stop' };

export function isRunnerMessage(value: unknown): value is RunnerMessage {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
