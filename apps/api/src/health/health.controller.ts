import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { pingDatabase, unhealthyNotificationChannels } from '@lanewatch/db';
import type { RedisClient } from '@lanewatch/queue';
import type { DataSource } from 'typeorm';
import { OptionalPrincipal, Principal, RequireAccess, seesHealthDetails } from '../auth';
import { DATA_SOURCE, REDIS } from '../infrastructure';

const CHECK_TIMEOUT_MS = 2000;

async function timed(check: () => Promise<unknown>): Promise<{ ok: boolean; latencyMs: number; error?: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    return { ok: false, latencyMs: Date.now() - started, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

@ApiTags('health')
@Controller('api/v1/health')
export class HealthController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  // Load balancers and container checks call it without a token: they learn up or down, nothing else
  // (channel names and errors can hold URLs with credentials; events.md §9).
  @Get()
  @RequireAccess('optional')
  @ApiBearerAuth()
  @ApiOperation({ summary: '200 when PostgreSQL and Redis answer, 503 otherwise; details only with an admin or viewer token' })
  @ApiResponse({ status: 200, description: '{status: "ok"}; with an admin or viewer token also {postgres, redis, alerts: {unhealthyChannels}}' })
  @ApiResponse({ status: 503, description: '{status: "degraded"}, with the same details for an admin or viewer' })
  async health(@OptionalPrincipal() principal: Principal | undefined, @Res({ passthrough: true }) response: Response) {
    const [postgres, redis] = await Promise.all([timed(() => pingDatabase(this.dataSource)), timed(() => this.redis.ping())]);
    const ok = postgres.ok && redis.ok;
    response.status(ok ? 200 : 503);
    const status = ok ? 'ok' : 'degraded';
    if (!seesHealthDetails(principal)) return { status };
    // Informational: a failing alert channel does not make the service unhealthy, but must be seen.
    const alerts = postgres.ok ? await this.alertChannels().catch(() => null) : null;
    return { status, postgres, redis, ...(alerts ? { alerts } : {}) };
  }

  private async alertChannels(): Promise<{ unhealthyChannels: { id: string; name: string; lastError: string | null }[] }> {
    const found = await unhealthyNotificationChannels(this.dataSource);
    return { unhealthyChannels: found.map((row) => ({ id: row.id, name: row.name, lastError: row.last_error })) };
  }
}
