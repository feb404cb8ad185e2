import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts';
import { BreachesController } from './breaches.controller';
import { BreachesService } from './breaches.service';
import { SlaEvaluationsController } from './sla-evaluations.controller';
import { SlaPoliciesController } from './sla-policies.controller';
import { SlaPoliciesService } from './sla-policies.service';

@Module({
  imports: [AlertsModule],
  controllers: [SlaPoliciesController, SlaEvaluationsController, BreachesController],
  providers: [SlaPoliciesService, BreachesService],
})
export class SlaModule {}
