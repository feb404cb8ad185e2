import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertReadsAllCarriers, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { LegLinksService } from './leg-links.service';

@ApiTags('shipments')
@ApiBearerAuth()
@Controller('api/v1/legs/:carrier/:trackingNumber/link')
export class LegLinksController {
  constructor(private readonly links: LegLinksService) {}

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: "A leg's link: its shipment, the leg it follows, and the administrator's pin if any" })
  view(@CurrentPrincipal() principal: Principal, @Param('carrier') carrier: string, @Param('trackingNumber') trackingNumber: string) {
    assertReadsAllCarriers(principal);
    return this.links.view(carrier, trackingNumber);
  }

  @Put()
  @RequireAccess('admin')
  @ApiOperation({
    summary:
      'Pin the leg to follow the hand-over from one leg (or none): contradicting claims are then listed and ignored; the journeys involved are relinked at once',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['parent'],
      properties: {
        parent: {
          nullable: true,
          type: 'object',
          properties: { carrier: { type: 'string', example: 'cainiao' }, trackingNumber: { type: 'string', example: 'LP005123456789CN' } },
        },
        note: { type: 'string', maxLength: 1000 },
      },
    },
  })
  pin(
    @CurrentPrincipal() principal: Principal,
    @Param('carrier') carrier: string,
    @Param('trackingNumber') trackingNumber: string,
    @Body() body: unknown,
  ) {
    return this.links.pin(principal, carrier, trackingNumber, body);
  }

  @Delete()
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Remove the pin: the leg follows the earliest hand-over again' })
  unpin(@Param('carrier') carrier: string, @Param('trackingNumber') trackingNumber: string) {
    return this.links.unpin(carrier, trackingNumber);
  }
}
