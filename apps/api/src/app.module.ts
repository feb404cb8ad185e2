import { LanewatchConfig } from '@lanewatch/config';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AlertsModule } from './alerts/alerts.module';
import { AuthGuard } from './auth/auth.guard';
import { CarriersModule } from './carriers/carriers.module';
import { ExceptionsModule } from './exceptions/exceptions.module';
import { FidelityModule } from './fidelity/fidelity.module';
import { HealthController } from './health/health.controller';
import { HttpExceptionFilter } from './infrastructure/http-exception.filter';
import { InfrastructureModule } from './infrastructure/infrastructure.module';
import { ImportsModule } from './imports/imports.module';
import { IngestModule } from './ingest/ingest.module';
import { KpisModule } from './kpis/kpis.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReviewModule } from './review/review.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { SlaModule } from './sla/sla.module';
import { StatementsModule } from './statements/statements.module';
import { UsersModule } from './users/users.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  static forRoot(config: LanewatchConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.forRoot(config), MetricsModule, CarriersModule, IngestModule, ShipmentsModule, KpisModule, ExceptionsModule, UsersModule, SlaModule, AlertsModule, WebhooksModule, ImportsModule, FidelityModule, StatementsModule, ReviewModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
      ],
    };
  }
}
