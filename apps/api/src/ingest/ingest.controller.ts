import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { assertReadsAllCarriers, CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { IngestRateLimiter } from './rate-limiter';
import { IngestService } from './ingest.service';
import { EVENT_BATCH_SCHEMA, TASKS_SCHEMA } from './openapi-schemas';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('api/v1')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly rateLimiter: IngestRateLimiter,
  ) {}

  @Post('events')
  @HttpCode(202)
  @RequireAccess('ingest')
  @ApiOperation({ summary: 'Post up to 5,000 canonical events; 202 once the valid ones are committed' })
  @ApiBody({ schema: EVENT_BATCH_SCHEMA })
  @ApiResponse({ status: 202, description: '{batchId, accepted, duplicates, rejected: [{index, errors}]}' })
  @ApiResponse({ status: 400, description: 'body is not JSON or has no events array' })
  @ApiResponse({ status: 413, description: 'more than 5,000 events or 5 MB' })
  @ApiResponse({ status: 429, description: 'rate limit exceeded; see Retry-After' })
  async postEvents(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    await this.rateLimiter.consume(principal.kind === 'carrier' ? principal.carrierCode : 'admin');
    return this.ingest.ingest(principal, body);
  }

  @Get('ingest/status')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Pipeline counters; pendingBatches 0 means every accepted event is reflected' })
  status(@CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.ingest.status();
  }

  @Get('ingest/tasks')
  @RequireAccess('read')
  @ApiOperation({
    summary:
      'Background tasks (code-map re-maps, KPI rebuilds) running or finished in the last day, newest first, at most 20: done of total, rate, estimated time left; a running task without progress for 10 minutes is stalled',
  })
  @ApiResponse({ status: 200, description: '{tasks: [...]}', schema: TASKS_SCHEMA })
  @ApiResponse({ status: 403, description: 'a carrier key: tasks span every carrier' })
  tasks(@CurrentPrincipal() principal: Principal) {
    assertReadsAllCarriers(principal);
    return this.ingest.tasks();
  }

  @Get('ingest/throughput')
  @RequireAccess('read')
  @ApiOperation({
    summary:
      'What ingest requests answered per UTC hour of receipt over [from, to): accepted, duplicates within a request, rejected; every hour listed, zeros included, plus totals',
  })
  @ApiQuery({ name: 'from', required: false, example: '2026-11-01T00:00:00Z', description: 'on a whole UTC hour; default: to − 24 h' })
  @ApiQuery({ name: 'to', required: false, example: '2026-11-02T00:00:00Z', description: 'on a whole UTC hour; default: the end of the current hour; at most 7 days after from' })
  @ApiQuery({ name: 'carrier', required: false, description: "one carrier's counts; a carrier key always reads its own" })
  @ApiResponse({ status: 200, description: '{from, to, carrier, hours: [{hour, accepted, duplicates, rejected}], totals: {accepted, duplicates, rejected}}' })
  @ApiResponse({ status: 400, description: '{message, errors: [...]} naming each invalid parameter' })
  @ApiResponse({ status: 403, description: "a carrier key asking for another carrier's counts" })
  throughput(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.ingest.throughput(principal, query);
  }

  @Get('ingest/dead-letters')
  @RequireAccess('read')
  @ApiOperation({
    summary:
      'Accepted events the database still refused, each set aside alone with its reason (newest first); a carrier key reads its own',
  })
  @ApiQuery({ name: 'carrier', required: false, description: "one carrier's; a carrier key always reads its own" })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 100' })
  @ApiQuery({ name: 'before', required: false, description: 'an id from the previous page: older ones' })
  deadLetters(@CurrentPrincipal() principal: Principal, @Query() query: Record<string, unknown>) {
    return this.ingest.deadLetters(principal, query);
  }

  @Get('ingest/batches/:batchId')
  @RequireAccess('read')
  @ApiOperation({
    summary: "One batch's processing state, stored and duplicate counts; a processed batch is kept INGEST_BATCH_RETENTION_DAYS (default 30) after processing, then 404 (its events stay stored, its counts stay in the status)",
  })
  batch(@CurrentPrincipal() principal: Principal, @Param('batchId') batchId: string) {
    return this.ingest.batch(principal, batchId);
  }

  @Post('ingest/batches/:batchId/retry')
  @HttpCode(202)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Put a failed batch back in the queue' })
  retry(@Param('batchId') batchId: string) {
    return this.ingest.retry(batchId);
  }
}
