import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequireAccess } from '../auth/principal';
import { MetricsScrape } from './metrics-scrape.service';

// Under /api/v1 like every API route: the dashboard answers any other GET path when it is served.
@ApiTags('metrics')
@Controller('api/v1/metrics')
export class MetricsController {
  constructor(private readonly scrape: MetricsScrape) {}

  @Get()
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
