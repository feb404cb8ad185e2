import { Module } from '@nestjs/common';
import { DisputesService } from './disputes.service';
import { InvoicesService } from './invoices.service';
import { StatementsController } from './statements.controller';
import { StatementsService } from './statements.service';

@Module({
  controllers: [StatementsController],
  providers: [StatementsService, DisputesService, InvoicesService],
})
export class StatementsModule {}
