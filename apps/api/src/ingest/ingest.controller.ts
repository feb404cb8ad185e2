import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { assertReadsAllCarriers } from '../auth/ownership';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth/principal';
import { IngestRateLimiter } from './rate-limiter';
import { IngestService } from './ingest.service';
import { EVENT_BATCH_SCHEMA } from './openapi-schemas';

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

  @Get('ingest/batches/:batchId')
  @RequireAccess('read')
  @ApiOperation({ summary: "One batch's processing state, stored and duplicate counts" })
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
