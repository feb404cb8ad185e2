import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { ShipmentsService } from './shipments.service';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('api/v1/shipments')
export class ShipmentsController {
  constructor(private readonly shipments: ShipmentsService) {}

  @Post()
  @RequireAccess('ingest')
  @ApiOperation({ summary: 'Register a shipment by its first leg (idempotent): 201 created, 200 already known' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['carrier', 'trackingNumber'],
      properties: {
        carrier: { type: 'string', example: 'cainiao' },
        trackingNumber: { type: 'string', example: 'LP005123456789CN' },
        origin: { type: 'string', example: 'CN' },
        destination: { type: 'string', example: 'BR' },
        serviceLevel: { type: 'string', example: 'standard' },
        promisedBy: { type: 'string', example: '2026-11-30T23:59:59-03:00' },
        orderRef: { type: 'string', example: '8123456789' },
      },
    },
  })
  async register(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Res({ passthrough: true }) response: Response) {
    const { created, view } = await this.shipments.register(principal, body);
    response.status(created ? 201 : 200);
    return view;
  }

  @Get()
  @RequireAccess('read')
  @ApiOperation({
    summary:
      'Legs with this tracking number at any carrier, whatever its case (a carrier key: its own legs only); open one with GET /api/v1/shipments/{carrier}/{trackingNumber}',
  })
  @ApiQuery({ name: 'trackingNumber', required: true, example: 'lp005123456789cn' })
  @ApiQuery({ name: 'carrier', required: false, example: 'cainiao' })
  lookup(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.shipments.lookup(principal, query);
  }

  @Get(':carrier/:trackingNumber')
  @RequireAccess('read')
  @ApiOperation({
    summary:
      "The whole journey from any leg (carrier code and number in any case): legs, events (raw and canonical), facts, gaps, data quality. A carrier key reads its own legs only: their events, the attributes it sent, and other legs only as its own hand-overs name them",
  })
  detail(@CurrentPrincipal() principal: Principal, @Param('carrier') carrier: string, @Param('trackingNumber') trackingNumber: string) {
    return this.shipments.detail(principal, carrier, trackingNumber);
  }
}
