import { parseExceptionReportQuery, parseParcelListQuery } from '@lanewatch/domain';
import { parcelListCsv, readExceptionReport, readParcelList, UnknownCarrierError } from '@lanewatch/read-model';
import { BadRequestException, Controller, Get, Inject, NotFoundException, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { CLOCK, Clock, READ_DATA_SOURCE } from '../infrastructure';
import { inReadSnapshot } from '../kpis';

@ApiTags('exceptions')
@ApiBearerAuth()
@Controller('api/v1/exceptions')
export class ExceptionsController {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @RequireAccess('read')
  @ApiOperation({ summary: 'Exception rate, categories, failed-attempt and late reasons per carrier × lane against the previous window of equal length; watchlist counts at asOf' })
  @ApiQuery({ name: 'from', required: false, description: 'with to; default: 30 days before asOf' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'asOf', required: false, description: 'default: the next quarter hour after now' })
  @ApiQuery({ name: 'carrier', required: false })
  @ApiQuery({ name: 'corridor', required: false, example: 'CN-BR' })
  async report(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal) {
    const parsed = parseExceptionReportQuery(this.confined(query, principal), this.clock.now().getTime());
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid exception report query', errors: parsed.errors });
    return this.read((manager) => readExceptionReport(manager, parsed.value));
  }

  @Get('parcels')
  @RequireAccess('read')
  @ApiOperation({ summary: 'The parcels behind a watchlist kind or a report count: keyset pages (nextCursor) or CSV (format=csv, up to 10,000 rows)' })
  @ApiQuery({ name: 'kind', required: false, enum: ['silent', 'lost', 'open_exception', 'failed_attempt', 'parcels', 'exception', 'failed', 'late'] })
  @ApiQuery({ name: 'from', required: false, description: 'legs that started in [from, to); required for parcels, exception, failed, late' })
  @ApiQuery({ name: 'to', required: false })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'carrier', required: false })
  @ApiQuery({ name: 'corridor', required: false })
  @ApiQuery({ name: 'category', required: false, description: 'kind exception: lost, destroyed, damaged, returned, refused, address, customs, weather, delay, other' })
  @ApiQuery({ name: 'reason', required: false, description: 'kind failed: failure reason (UNKNOWN when none given); kind late: late reason' })
  @ApiQuery({ name: 'sort', required: false, enum: ['lastEventAt', '-lastEventAt', 'legStartAt', '-legStartAt'] })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 100' })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  async parcels(@Query() query: Record<string, unknown>, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response) {
    const parsed = parseParcelListQuery(this.confined(query, principal), this.clock.now().getTime());
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid parcel list query', errors: parsed.errors });
    const list = await this.read((manager) => readParcelList(manager, parsed.value));
    if (parsed.value.format !== 'csv') return list;
    response.setHeader('content-type', 'text/csv; charset=utf-8');
    response.setHeader('content-disposition', `attachment; filename="lanewatch-${parsed.value.kind}-parcels.csv"`);
    return parcelListCsv(list);
  }

  /** A carrier key reads its own legs only: its carrier is implied, another one is refused. */
  private confined(query: Record<string, unknown>, principal: Principal): Record<string, unknown> {
    if (principal.kind !== 'carrier') return query;
    if (typeof query.carrier === 'string' && query.carrier.trim()) assertOwnCarrier(principal, query.carrier.trim());
    return { ...query, carrier: principal.carrierCode };
  }

  private async read<T>(work: (manager: Parameters<Parameters<typeof inReadSnapshot>[1]>[0]) => Promise<T>): Promise<T> {
    try {
      return await inReadSnapshot(this.dataSource, work);
    } catch (error) {
      if (error instanceof UnknownCarrierError) throw new NotFoundException(error.message);
      throw error;
    }
  }
}
