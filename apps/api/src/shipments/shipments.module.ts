import { Module } from '@nestjs/common';
import { LegLinksController } from './leg-links.controller';
import { LegLinksService } from './leg-links.service';
import { ShipmentsController } from './shipments.controller';
import { ShipmentsService } from './shipments.service';

@Module({ controllers: [ShipmentsController, LegLinksController], providers: [ShipmentsService, LegLinksService] })
export class ShipmentsModule {}
