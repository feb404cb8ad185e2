import { parseScorecardQuery } from '@lanewatch/domain';
import { computeScorecards, UnknownCarrierError } from '@lanewatch/read-model';
import { applyDecorators, BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { CLOCK, Clock, READ_DATA_SOURCE } from '../infrastructure';
import { inReadSnapshot } from './read-snapshot';

const WindowQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'from', required: false, description: 'default: 30 days before asOf' }),
    ApiQuery({ name: 'to', required: false, description: 'default: asOf' }),
    ApiQuery({ name: 'asOf', required: false, description: 'reading instant on a quarter hour; default now' }),
  );

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('api/v1')
export class ScorecardsController {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('scorecards')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Every carrier scorecard (kpis.md §6); a carrier key sees its own only' })
  @WindowQueries()
  async scorecards(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    if (principal.kind !== 'carrier') return this.read(query, undefined);
    // A carrier key reads its own scorecard, not the network-wide figures.
    const { network: _networkWide, ...own } = await this.read(query, principal.carrierCode);
    return own;
  }

  @Get('carriers/:code/scorecard')
  @RequireAccess('read')
  @ApiOperation({ summary: "One carrier's scorecard: KPIs with Wilson intervals, censored transit, feed health, silence, hand-over gaps" })
  @WindowQueries()
  async scorecard(@Param('code') code: string, @Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    assertOwnCarrier(principal, code);
    const { carriers, network: _networkWide, ...window } = await this.read(query, code);
    return { ...window, ...carriers[0] };
  }

  private async read(query: Record<string, unknown>, carrier: string | undefined) {
    const parsed = parseScorecardQuery(query, this.clock.now().getTime());
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid scorecard query', errors: parsed.errors });
    try {
      return await inReadSnapshot(this.dataSource, (manager) => computeScorecards(manager, { ...parsed.value, ...(carrier ? { carrier } : {}) }));
    } catch (error) {
      if (error instanceof UnknownCarrierError) throw new NotFoundException(error.message);
      throw error;
    }
  }
}

