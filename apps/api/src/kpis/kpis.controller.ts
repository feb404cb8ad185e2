import { KpiQueryParams, parseKpiDistributionQuery, parseKpiQuery, parseKpiTimeseriesQuery } from '@lanewatch/domain';
import { computeKpiDistribution, computeKpis, computeKpiTimeseries, UnknownCarrierError, UnknownContractError } from '@lanewatch/read-model';
import { applyDecorators, BadRequestException, Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { READ_DATA_SOURCE } from '../infrastructure';
import { inReadSnapshot } from './read-snapshot';

const KpiQueries = () =>
  applyDecorators(
    ApiQuery({ name: 'from', example: '2026-11-01T00:00:00Z' }),
    ApiQuery({ name: 'to', example: '2026-12-01T00:00:00Z' }),
    ApiQuery({ name: 'groupBy', required: false, enum: ['carrier', 'corridor', 'serviceLevel', 'carrier,corridor', 'corridor,serviceLevel'] }),
    ApiQuery({ name: 'carrier', required: false }),
    ApiQuery({ name: 'corridor', required: false, example: 'CN-BR' }),
    ApiQuery({ name: 'serviceLevel', required: false }),
    ApiQuery({ name: 'asOf', required: false, description: 'reading instant on a quarter hour: facts closing at or after it are not counted' }),
    ApiQuery({ name: 'contract', required: false, description: "a contract's name: each row also has its clock family (clockDays of the contract's legs, contracts.md §1)" }),
  );

@ApiTags('kpis')
@ApiBearerAuth()
@Controller('api/v1/kpis')
export class KpisController {
  constructor(@Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource) {}

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: 'KPIs per carrier / corridor / service level over [from, to), from the rollups (kpis.md §3-5)' })
  @KpiQueries()
  async kpis(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return this.answer(parseKpiQuery(query), principal, 'invalid KPI query', (params) => inReadSnapshot(this.dataSource, (manager) => computeKpis(manager, params)));
  }

  @Get('timeseries')
  @RequireAccess('read')
  @ApiOperation({ summary: 'One point per UTC day or ISO week per group, the same definitions and rollups as /kpis (kpis.md §6)' })
  @ApiQuery({ name: 'metric', enum: ['transit', 'customsHold', 'firstAttempt', 'onTime', 'clock'], description: 'clock: the clockDays of contract= (contracts.md §1)' })
  @ApiQuery({ name: 'bucket', required: false, enum: ['day', 'week'] })
  @KpiQueries()
  async timeseries(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return this.answer(parseKpiTimeseriesQuery(query), principal, 'invalid KPI timeseries query', (params) =>
      inReadSnapshot(this.dataSource, (manager) => computeKpiTimeseries(manager, params)),
    );
  }

  @Get('distribution')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Transit days or customs hold hours in display bins over [from, to), from the same rollup histograms as /kpis' })
  @ApiQuery({ name: 'metric', enum: ['customsHold', 'transit'] })
  @ApiQuery({ name: 'from', example: '2026-11-01T00:00:00Z' })
  @ApiQuery({ name: 'to', example: '2026-12-01T00:00:00Z' })
  @ApiQuery({ name: 'carrier', required: false, description: "that carrier's legs; otherwise whole shipments" })
  @ApiQuery({ name: 'corridor', required: false, example: 'CN-BR' })
  @ApiQuery({ name: 'serviceLevel', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'reading instant on a quarter hour' })
  async distribution(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    return this.answer(parseKpiDistributionQuery(query), principal, 'invalid KPI distribution query', (params) =>
      inReadSnapshot(this.dataSource, (manager) => computeKpiDistribution(manager, params)),
    );
  }

  private async answer<P extends KpiQueryParams, R>(
    parsed: { ok: true; value: P } | { ok: false; errors: string[] },
    principal: Principal,
    message: string,
    compute: (params: P) => Promise<R>,
  ): Promise<R> {
    if (!parsed.ok) throw new BadRequestException({ message, errors: parsed.errors });
    const params = parsed.value;
    // A carrier key reads only its own carrier's rows; admins and viewers read every carrier's.
    if (principal.kind === 'carrier') {
      if (params.carrier) assertOwnCarrier(principal, params.carrier);
      params.carrier = principal.carrierCode;
    }
    try {
      return await compute(params);
    } catch (error) {
      if (error instanceof UnknownCarrierError || error instanceof UnknownContractError) throw new BadRequestException({ message, errors: [error.message] });
      throw error;
    }
  }
}
