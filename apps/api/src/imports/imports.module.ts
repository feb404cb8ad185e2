import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';

@Module({ imports: [IngestModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule {}
