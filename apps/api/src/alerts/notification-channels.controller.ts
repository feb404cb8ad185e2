import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertReadsAllCarriers, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { NotificationChannelsService } from './notification-channels.service';

const CHANNEL_EXAMPLE = { name: 'ops webhook', kind: 'webhook', url: 'https://hooks.example.com/lanewatch', severities: ['critical'], carriers: [], corridors: [] };

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/notification-channels')
export class NotificationChannelsController {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Post()
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Add a webhook or e-mail channel; a webhook answers its signing secret once' })
  @ApiBody({ schema: { type: 'object', example: CHANNEL_EXAMPLE } })
  create(@Body() body: unknown) {
    return this.channels.create(body);
  }

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: 'Channels with their health (healthy, consecutiveFailures, lastError)' })
  list(@CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.channels.list();
  }

  @Get(':id')
  @RequireAccess('read')
  @ApiOperation({ summary: 'One channel' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    assertReadsAllCarriers(principal);
    return this.channels.get(id);
  }

  @Post(':id/test')
  @HttpCode(202)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Send a test alert through the real delivery path; 400 when the webhook target is not a public address' })
  sendTest(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.channels.sendTest(principal, id);
  }

  @Get(':id/deliveries')
  @RequireAccess('read')
  @ApiOperation({ summary: 'What was sent to the channel, newest first (at most 100): breach alerts and tests, status, attempts, error' })
  deliveries(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    assertReadsAllCarriers(principal);
    return this.channels.deliveries(id);
  }

  @Put(':id')
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Replace a channel (the webhook secret stays the same)' })
  @ApiBody({ schema: { type: 'object', example: CHANNEL_EXAMPLE } })
  replace(@Param('id') id: string, @Body() body: unknown) {
    return this.channels.replace(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Delete a channel and its delivery records' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.channels.remove(id);
  }
}
