import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { assertReadsAllCarriers, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { SilencesService } from './silences.service';

@ApiTags('alerts')
@ApiBearerAuth()
@Controller('api/v1/silences')
export class SilencesController {
  constructor(private readonly silences: SilencesService) {}

  @Post()
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Mute matching alerts in [from, to); breaches are still opened and listed' })
  @ApiBody({ schema: { type: 'object', example: { from: '2026-12-24T00:00:00Z', to: '2026-12-27T00:00:00Z', carrier: 'correios', reason: 'holiday' } } })
  create(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.silences.create(principal, body);
  }

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: 'Every silence' })
  list(@CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.silences.list();
  }

  @Delete(':id')
  @HttpCode(204)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Delete a silence' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.silences.remove(id);
  }
}
