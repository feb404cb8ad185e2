import { CARRIER_CODE_PATTERN, parseReviewMonth, reviewPackCsv } from '@lanewatch/domain';
import { readReviewPack } from '@lanewatch/sla';
import { UnknownCarrierError } from '@lanewatch/read-model';
import { BadRequestException, Controller, Get, Inject, NotFoundException, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { CLOCK, Clock, READ_DATA_SOURCE } from '../infrastructure';
import { inReadSnapshot } from '../kpis';
import { reviewPackPdf } from './review-pdf';
import { REVIEW_STATEMENT_SOURCE } from './review-statement';

@ApiTags('contracts')
@ApiBearerAuth()
@Controller('api/v1/carriers')
export class ReviewController {
  constructor(
    @Inject(READ_DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':code/review/:month')
  @RequireAccess('read')
  @ApiOperation({
    summary: "The monthly review pack (contracts.md §4): terms against the previous month, breaches and how long they lasted, the statement, lanes, parcels and reasons behind the misses; JSON, or CSV / PDF with the month's .csv / .pdf suffix",
  })
  @ApiParam({ name: 'month', example: '2026-11', description: 'YYYY-MM, or YYYY-MM.csv, or YYYY-MM.pdf' })
  @ApiQuery({ name: 'asOf', required: false, description: 'the instant the figures are read at; default now' })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  async review(
    @CurrentPrincipal() principal: Principal,
    @Param('code') code: string,
    @Param('month') monthParam: string,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertOwnCarrier(principal, code);
    // Any text may arrive in the path (a NUL, a megabyte): only a carrier code is ever looked up.
    if (!CARRIER_CODE_PATTERN.test(code)) throw new NotFoundException(`carrier '${code.slice(0, 40)}' is not registered`);
    const [, monthText, format = 'json'] = /^(.*?)(?:\.(csv|pdf|json))?$/.exec(monthParam) ?? [];
    const month = parseReviewMonth(monthText ?? '');
    const asOf = this.asOf(query.asOf);
    if (!month.ok) throw new BadRequestException({ message: 'invalid review month', errors: month.errors });
    const pack = await inReadSnapshot(this.dataSource, (manager) => readReviewPack(manager, { carrier: code, month: month.value, asOf, statement: REVIEW_STATEMENT_SOURCE })).catch(
      (error: unknown) => {
        if (error instanceof UnknownCarrierError) throw new NotFoundException(error.message);
        throw error;
      },
    );
    const fileName = `lanewatch-review-${pack.carrier.code}-${pack.month}`;
    if (format === 'csv') {
      response.setHeader('content-type', 'text/csv; charset=utf-8');
      response.setHeader('content-disposition', `attachment; filename="${fileName}.csv"`);
      return reviewPackCsv(pack);
    }
    if (format === 'pdf') {
      const pdf = await reviewPackPdf(pack);
      response.setHeader('content-type', 'application/pdf');
      response.setHeader('content-disposition', `inline; filename="${fileName}.pdf"`);
      response.end(pdf);
      return undefined;
    }
    return pack;
  }

  private asOf(value: unknown): Date {
    if (value === undefined) return this.clock.now();
    const ms = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw new BadRequestException({ message: 'invalid review query', errors: ['asOf must be an ISO 8601 instant like 2026-12-01T00:00:00Z'] });
    return new Date(ms);
  }
}
