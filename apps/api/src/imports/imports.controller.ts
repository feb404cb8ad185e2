import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { ImportsService } from './imports.service';

@ApiTags('imports')
@ApiBearerAuth()
@Controller('api/v1')
export class ImportsController {
  constructor(private readonly imports: ImportsService) {}

  @Put('carriers/:code/import-mapping')
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Save the carrier CSV column mapping: {columns: {trackingNumber, occurredAt, code|milestone, …}, timeZoneColumn?, defaultTimeZone?}' })
  saveMapping(@Param('code') code: string, @Body() body: unknown) {
    return this.imports.saveMapping(code, body);
  }

  @Get('carriers/:code/import-mapping')
  @RequireAccess('read')
  @ApiOperation({ summary: "The carrier's saved CSV column mapping" })
  mapping(@CurrentPrincipal() principal: Principal, @Param('code') code: string) {
    return this.imports.mapping(principal, code);
  }

  @Post('imports')
  @HttpCode(201)
  @RequireAccess('ingest')
  @ApiOperation({ summary: 'Import a CSV (multipart, streamed) with the carrier mapping; 5,000-row batches through the ingest inbox' })
  @ApiResponse({ status: 201, description: '{importId, status, rowsRead, accepted, rejected, rejections, rejectionsCsv}' })
  @ApiResponse({ status: 400, description: 'malformed multipart or CSV, or a column of the mapping missing: {message, importId?}; the import is failed' })
  @ApiResponse({ status: 413, description: 'the file, a row or a field over IMPORT_MAX_FILE_BYTES, IMPORT_MAX_ROW_BYTES or IMPORT_MAX_FIELD_BYTES' })
  @ApiResponse({ status: 429, description: "the carrier's ingest budget (shared with /events and webhooks) is spent; see Retry-After" })
  run(@CurrentPrincipal() principal: Principal, @Req() request: Request, @Query('carrier') carrier?: string) {
    return this.imports.run(principal, request, carrier);
  }

  @Get('imports')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Recent imports (a carrier key sees its own), running ones included' })
  list(@CurrentPrincipal() principal: Principal) {
    return this.imports.list(principal);
  }

  @Get('imports/:id')
  @RequireAccess('read')
  @ApiOperation({ summary: 'Progress of one import: rows read, accepted, rejected (first 100 lines with reasons)' })
  view(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.imports.view(principal, id);
  }

  @Get('imports/:id/rejections.csv')
  @RequireAccess('read')
  @Header('content-type', 'text/csv; charset=utf-8')
  @ApiOperation({ summary: 'Every rejected line of an import with its reasons, as CSV' })
  rejections(@CurrentPrincipal() principal: Principal, @Param('id') id: string) {
    return this.imports.rejectionsCsv(principal, id);
  }
}
