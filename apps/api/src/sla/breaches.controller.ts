import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertOwnCarrier, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { BreachesService } from './breaches.service';

@ApiTags('sla')
@ApiBearerAuth()
@Controller('api/v1')
export class BreachesController {
  constructor(private readonly breaches: BreachesService) {}

  @Get('breaches')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Breaches, newest first (sla.md §3); a carrier key sees its own carrier only' })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'acknowledged', 'resolved'] })
  @ApiQuery({ name: 'carrier', required: false })
  @ApiQuery({ name: 'corridor', required: false })
  list(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.breaches.list(principal, query);
  }

  @Get('breaches/:id')
  @RequireAccess('read')
  @ApiOperation({ summary: 'One breach with its transitions and evidence' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.breaches.get(principal, id);
  }

  @Get('breaches/:id/evidence')
  @RequireAccess('read')
  @ApiOperation({ summary: "Every parcel behind a breach's window (the evidence export), up to 10,000; `total` and `truncated` say when there are more" })
  evidence(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.breaches.evidence(principal, id);
  }

  @Post('breaches/:id/acknowledge')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Acknowledge an open breach: reminders stop, it still resolves by itself' })
  @ApiBody({ schema: { type: 'object', required: ['note'], properties: { note: { type: 'string', description: 'What is being done; required, not blank' } } } })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.breaches.acknowledge(principal, id, body);
  }

  @Post('breaches/:id/unacknowledge')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Undo an acknowledgement: the breach is open again and reminders resume' })
  unacknowledge(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.breaches.unacknowledge(principal, id);
  }

  @Get('carriers/:code/breaches')
  @RequireAccess('read')
  @ApiOperation({ summary: "A carrier's breach history, newest first" })
  carrierHistory(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    assertOwnCarrier(principal, code);
    return this.breaches.list(principal, { carrier: code });
  }
}
