import { Global, Module } from '@nestjs/common';
import { ApiMetrics } from './api-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsScrape } from './metrics-scrape.service';

@Global()
@Module({ controllers: [MetricsController], providers: [ApiMetrics, MetricsScrape], exports: [ApiMetrics] })
export class MetricsModule {}
