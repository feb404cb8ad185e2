import { Body, Controller, Headers, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { IngestRateLimiter } from '../ingest';
import { WebhooksService } from './webhooks.service';

type RawRequest = Request & { rawBody?: Buffer };

@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class WebhooksController {
  constructor(
    private readonly webhooks: WebhooksService,
    private readonly rateLimiter: IngestRateLimiter,
  ) {}

  // Formats without a signature of their own (formats.md): the carrier's Bearer key, or the admin token.
  @Post('upu/:carrier')
  @HttpCode(202)
  @RequireAccess('ingest')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'UPU postal events: GTT JSON, or the EMSEVT-like CSV as text/csv; the carrier key' })
  @ApiResponse({ status: 202, description: '{batchId, accepted, duplicates, rejected: [{path, errors}], warnings}' })
  upu(@CurrentPrincipal() principal: Principal, @Param('carrier') carrier: string, @Body() body: unknown, @Req() request: RawRequest) {
    return this.keyed('upu', principal, carrier, body, request);
  }

  @Post('cainiao/:carrier')
  @HttpCode(202)
  @RequireAccess('ingest')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cainiao tracking detail JSON; the carrier key' })
  @ApiResponse({ status: 202, description: '{batchId, accepted, duplicates, rejected: [{path, errors}], warnings}' })
  cainiao(@CurrentPrincipal() principal: Principal, @Param('carrier') carrier: string, @Body() body: unknown, @Req() request: RawRequest) {
    return this.keyed('cainiao', principal, carrier, body, request);
  }

  private async keyed(format: string, principal: Principal, carrier: string, body: unknown, request: RawRequest) {
    const asCarrier = await this.webhooks.principalForKey(principal, carrier);
    await this.rateLimiter.consume(carrier);
    return this.webhooks.receive({ format, carrier, body, headers: request.headers, rawBody: request.rawBody }, asCarrier, null);
  }

  // Signed formats: no Bearer key, the signature over the raw bytes with the carrier's webhook secret.
  @Post(':format/:carrier')
  @RequireAccess('signed')
  @HttpCode(202)
  @ApiOperation({ summary: "AfterShip, 17TRACK and EasyPost webhooks, signed with the carrier's webhookSecret" })
  @ApiResponse({ status: 202, description: '{batchId, accepted, duplicates, rejected: [{path, errors}], warnings}; replayed: true for a delivery already accepted' })
  @ApiResponse({ status: 401, description: 'missing or wrong signature, or a stale timestamp; nothing is stored' })
  @ApiResponse({ status: 409, description: 'an identical delivery is being stored at this moment; retry after Retry-After seconds' })
  async signed(
    @Param('format') format: string,
    @Param('carrier') carrier: string,
    @Body() body: unknown,
    @Headers() headers: Record<string, string | undefined>,
    @Req() request: RawRequest,
  ) {
    const request_ = { format, carrier, body, headers, rawBody: request.rawBody };
    const { principal, digest } = await this.webhooks.verifySigned(request_);
    await this.rateLimiter.consume(carrier);
    return this.webhooks.receive(request_, principal, digest);
  }
}
