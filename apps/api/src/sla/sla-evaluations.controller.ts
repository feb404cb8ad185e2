import { LanewatchConfig } from '@lanewatch/config';
import { EARLIEST_MS, parseInstantWithOffset } from '@lanewatch/domain';
import { evaluateSlas } from '@lanewatch/sla';
import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { AlertsQueue } from '../alerts';
import { RequireAccess } from '../auth';
import { ApiMetrics } from '../metrics';
import { CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/v1/sla-evaluations')
export class SlaEvaluationsController {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    private readonly alerts: AlertsQueue,
    private readonly metrics: ApiMetrics,
  ) {}

  @Post()
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Evaluate every enabled policy at asOf (default now, floored to the quarter hour) and answer what was found (sla.md §2)' })
  @ApiBody({ schema: { type: 'object', properties: { asOf: { type: 'string', example: '2026-11-23T12:00:00Z' } } } })
  async evaluate(@Body() body: unknown) {
    const raw = typeof body === 'object' && body !== null ? (body as { asOf?: unknown }).asOf : undefined;
    let asOf = this.clock.now();
    if (raw !== undefined && raw !== null) {
      const parsed = typeof raw === 'string' ? parseInstantWithOffset('asOf', raw) : null;
      if (!parsed || !parsed.ok) throw new BadRequestException({ message: 'invalid evaluation', errors: [parsed && !parsed.ok ? parsed.error : 'asOf must be an ISO instant with a UTC offset'] });
      // Its windows reach back from asOf: before 2000 holds no data and, near year 1, no date PostgreSQL can read.
      if (parsed.value.epochMs < EARLIEST_MS) throw new BadRequestException({ message: 'invalid evaluation', errors: ['asOf must not be before 2000-01-01'] });
      asOf = new Date(parsed.value.epochMs);
    }
    const { deliveryIds, silencedKinds, ...result } = await evaluateSlas(this.dataSource, { asOf, reminderMinutes: this.config.slaReminderMinutes });
    this.metrics.countSilenced(silencedKinds);
    await this.alerts.enqueue(deliveryIds);
    return { ...result, alertsQueued: deliveryIds.length };
  }
}
