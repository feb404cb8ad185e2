import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest';
import { ReplayGuard } from './replay-guard';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({ imports: [IngestModule], controllers: [WebhooksController], providers: [WebhooksService, ReplayGuard] })
export class WebhooksModule {}
