import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { IngestModule } from '../ingest';
import { ImportsController } from './imports.controller';
import { ImportsService } from './imports.service';
import { UploadConnectionMiddleware } from './upload-connection.middleware';

@Module({ imports: [IngestModule], controllers: [ImportsController], providers: [ImportsService] })
export class ImportsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(UploadConnectionMiddleware).forRoutes({ path: 'api/v1/imports', method: RequestMethod.POST });
  }
}
