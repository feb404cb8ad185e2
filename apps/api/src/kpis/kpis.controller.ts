import { parseKpiQuery } from '@lanewatch/domain';
import { computeKpis, UnknownCarrierError } from '@lanewatch/pipeline';
import { BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier } from '../auth/ownership';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth/principal';
import { DATA_SOURCE } from '../infrastructure/tokens';

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('api/v1/kpis')
export class KpisController {
  constructor(@Inject(DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get()
  @RequireAccess('admin-or-carrier')
  @ApiOperation({ summary: 'KPIs per carrier / corridor / service level over [from, to), from the rollups (kpis.md §3-5)' })
  @ApiQuery({ name: 'from', example: '2026-11-01T00:00:00Z' })
  @ApiQuery({ name: 'to', example: '2026-12-01T00:00:00Z' })
  @ApiQuery({ name: 'groupBy', required: false, enum: ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'] })
  @ApiQuery({ name: 'carrier', required: false })
  @ApiQuery({ name: 'corridor', required: false, example: 'CN-BR' })
  @ApiQuery({ name: 'serviceLevel', required: false })
  async kpis(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const parsed = parseKpiQuery(query);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid KPI query', errors: parsed.errors });
    const params = parsed.value;
    // A carrier key reads only its own carrier's rows.
    if (principal.kind === 'carrier') {
      if (params.carrier) assertOwnCarrier(principal, params.carrier);
      params.carrier = principal.carrierCode;
    }
    try {
      return await computeKpis(this.dataSource, params);
    } catch (error) {
      if (error instanceof UnknownCarrierError) throw new BadRequestException({ message: 'invalid KPI query', errors: [error.message] });
      throw error;
    }
  }
}
