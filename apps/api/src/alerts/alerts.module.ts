import { Module } from '@nestjs/common';
import { AlertsQueue } from './alerts-queue';
import { NotificationChannelsController } from './notification-channels.controller';
import { NotificationChannelsService } from './notification-channels.service';
import { SilencesController } from './silences.controller';
import { SilencesService } from './silences.service';

@Module({
  controllers: [NotificationChannelsController, SilencesController],
  providers: [AlertsQueue, NotificationChannelsService, SilencesService],
  exports: [AlertsQueue],
})
export class AlertsModule {}
