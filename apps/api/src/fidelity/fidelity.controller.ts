import { applyDecorators, Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { FidelityService } from './fidelity.service';

const FIGURES = '{events, unmapped, unmappedShare, unclassified, unclassifiedShare, rejected, warnings: {unknown_handover_carrier, unresolved_country, other}}';
const WINDOW_QUERIES = [
  { name: 'bucket', required: false, description: "'day' (default) or 'hour'" },
  { name: 'from', required: false, example: '2026-11-01T00:00:00Z', description: 'on the bucket grid (a UTC midnight, or a whole UTC hour); default: 30 days or 24 hours before to' },
  { name: 'to', required: false, example: '2026-11-08T00:00:00Z', description: 'on the bucket grid; default: the end of the current bucket; at most 92 days, or 7 days of hours, after from' },
];

const WindowQueries = () => applyDecorators(...WINDOW_QUERIES.map((query) => ApiQuery(query)));

@ApiTags('fidelity')
@ApiBearerAuth()
@Controller('api/v1')
export class FidelityController {
  constructor(private readonly fidelity: FidelityService) {}

  @Get('carriers/:code/fidelity')
  @RequireAccess('read')
  @ApiOperation({
    summary:
      "A carrier's mapping fidelity per UTC day or hour of receipt: stored events, unmapped and UNCLASSIFIED shares, rejected entries, adapter warnings by kind; every bucket listed, zeros included, plus totals",
  })
  @WindowQueries()
  @ApiResponse({ status: 200, description: `{carrier, from, to, bucket, buckets: [{start, ...figures}], totals: figures}; figures: ${FIGURES}; shares are null without events` })
  @ApiResponse({ status: 400, description: '{message, errors: [...]} naming each invalid parameter' })
  @ApiResponse({ status: 403, description: "a carrier key asking for another carrier's figures" })
  @ApiResponse({ status: 404, description: 'no such carrier' })
  ofCarrier(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Query() query: Record<string, unknown>) {
    return this.fidelity.ofCarrier(principal, code, query);
  }

  @Get('ingest/fidelity')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Mapping fidelity of every registered carrier over the window, per bucket and in total; a carrier key reads its own row only' })
  @WindowQueries()
  @ApiResponse({ status: 200, description: `{from, to, bucket, carriers: [{carrier, name, totals: figures, buckets: [{start, ...figures}]}]}; figures: ${FIGURES}` })
  @ApiResponse({ status: 400, description: '{message, errors: [...]} naming each invalid parameter' })
  perCarrier(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.fidelity.perCarrier(principal, query);
  }
}
