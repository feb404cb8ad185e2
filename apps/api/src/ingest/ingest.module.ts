import { Module } from '@nestjs/common';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { IngestRateLimiter } from './rate-limiter';

@Module({ controllers: [IngestController], providers: [IngestService, IngestRateLimiter], exports: [IngestService, IngestRateLimiter] })
export class IngestModule {}
