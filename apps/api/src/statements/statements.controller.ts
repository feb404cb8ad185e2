import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Principal, RequireAccess } from '../auth';
import { DisputesService } from './disputes.service';
import { InvoicesService } from './invoices.service';
import { StatementsService } from './statements.service';

// contracts.md §2-3: monthly statements, their disputes, the audit log and invoiced amounts.
@ApiTags('statements')
@ApiBearerAuth()
@Controller('api/v1')
export class StatementsController {
  constructor(
    private readonly statements: StatementsService,
    private readonly disputes: DisputesService,
    private readonly invoices: InvoicesService,
  ) {}

  @Get('carriers/:code/statements/:month')
  @RequireAccess('read')
  @ApiOperation({ summary: "A carrier's statement of a month (YYYY-MM in the contract's time zone): per term value, sample, verdict, consequence with its arithmetic and the parcels behind it; the issued revision with a draft revision beside it when later events changed the month" })
  @ApiQuery({ name: 'asOf', required: false, description: 'ISO instant with offset; default now' })
  get(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string, @Query() query: Record<string, unknown>) {
    return this.statements.get(principal, code, month, query);
  }

  @Post('carriers/:code/statements/:month/issue')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Issue the statement of a finished month: frozen with the sha256 fingerprint of its inputs; again after inputs changed issues the next revision' })
  @ApiBody({ required: false, schema: { type: 'object', properties: { note: { type: 'string' } } } })
  issue(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string, @Body() body: unknown) {
    return this.statements.issue(principal, code, month, body);
  }

  @Get('carriers/:code/statements/:month/revisions')
  @RequireAccess('read')
  @ApiOperation({ summary: "Every issued and draft revision of the month's statement with its difference" })
  revisions(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string) {
    return this.statements.revisions(principal, code, month);
  }

  @Get('carriers/:code/statements/:month/audit')
  @RequireAccess('read')
  @ApiOperation({ summary: "The statement's audit log: who issued, disputed, decided or entered the invoice, when and why" })
  statementAudit(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string) {
    return this.statements.statementAudit(principal, code, month);
  }

  @Get('carriers/:code/statements/:month/disputes')
  @RequireAccess('read')
  @ApiOperation({ summary: "The month's disputes and their outcomes" })
  listDisputes(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string) {
    return this.disputes.list(principal, code, month);
  }

  @Post('carriers/:code/statements/:month/disputes')
  @RequireAccess('read')
  @ApiOperation({ summary: "Dispute a parcel of the statement (a carrier user of that carrier, or an admin); carrier keys and viewers are refused" })
  @ApiBody({ schema: { type: 'object', required: ['parcel', 'reason'], properties: { parcel: { type: 'string', description: 'shipment id or tracking number' }, reason: { type: 'string' } } } })
  openDispute(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string, @Body() body: unknown) {
    return this.disputes.open(principal, code, month, body);
  }

  @Post('disputes/:id/decision')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiOperation({ summary: 'Accept or reject an open dispute with a note; an accepted parcel leaves that statement\'s consequences (shown as such)' })
  @ApiBody({ schema: { type: 'object', required: ['decision', 'note'], properties: { decision: { type: 'string', enum: ['accept', 'reject'] }, note: { type: 'string' } } } })
  decide(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Body() body: unknown) {
    return this.disputes.decide(principal, id, body);
  }

  @Get('audit')
  @RequireAccess('admin')
  @ApiOperation({ summary: 'The audit log of statement issues, disputes, decisions and invoiced amounts, newest first (500 at most)' })
  @ApiQuery({ name: 'carrier', required: false })
  @ApiQuery({ name: 'month', required: false })
  audit(@Query() query: Record<string, unknown>) {
    return this.statements.audit(query);
  }

  @Put('carriers/:code/invoices/:month')
  @RequireAccess('admin')
  @ApiOperation({ summary: "Enter a carrier's invoiced amount for a month (a decimal string); it replaces parcels × ratePerParcel" })
  @ApiBody({ schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'string', example: '12000.00' }, currency: { type: 'string', example: 'EUR' } } } })
  putInvoice(@CurrentPrincipal() principal: Principal, @Param('code') code: string, @Param('month') month: string, @Body() body: unknown) {
    return this.invoices.put(principal, code, month, body);
  }

  @Post('invoices')
  @HttpCode(200)
  @RequireAccess('admin')
  @ApiConsumes('text/csv')
  @ApiOperation({ summary: 'Upload invoiced amounts as CSV: a header carrier,month,amount[,currency], one row per carrier and month; all rows or none' })
  importInvoices(@CurrentPrincipal() principal: Principal, @Body() body: unknown) {
    return this.invoices.importCsv(principal, body);
  }
}
