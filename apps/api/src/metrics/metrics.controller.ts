import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireAccess } from '../auth';
import { MetricsScrape } from './metrics-scrape.service';

// Under /api/v1 like every API route, and at /metrics where Prometheus looks by default (the dashboard's
// fallback leaves that path to the API: http-setup servedByApi).
@ApiTags('metrics')
@Controller()
export class MetricsController {
  constructor(private readonly scrape: MetricsScrape) {}

  @Get(['api/v1/metrics', 'metrics'])
  @RequireAccess('metrics')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Prometheus metrics of this API replica and the pipeline's gauges; METRICS_TOKEN, the admin token or an admin user" })
  @ApiResponse({ status: 200, description: 'Prometheus text exposition format' })
  @ApiResponse({ status: 401, description: 'no token, or one that is not METRICS_TOKEN, the admin token or an admin session' })
  async metrics(@Res() response: Response): Promise<void> {
    const text = await this.scrape.render();
    response.status(200).setHeader('Content-Type', this.scrape.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(text);
  }
}
