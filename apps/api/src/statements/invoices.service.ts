import { findCarrierByCode, insertAudit, upsertInvoice } from '@lanewatch/db';
import { decimalText, isCurrencyCode } from '@lanewatch/domain';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { actorOf, bodyObject, CLOCK, Clock, DATA_SOURCE } from '../infrastructure';
import { statementMonth } from './statement-request.util';

const MAX_CSV_ROWS = 10_000;

interface InvoiceEntry {
  carrier: string;
  month: string;
  amount: string;
  currency: string | null;
}

function validEntry(raw: { carrier: unknown; month: unknown; amount: unknown; currency: unknown }, path: string, errors: string[]): InvoiceEntry | null {
  const before = errors.length;
  const carrier = typeof raw.carrier === 'string' ? raw.carrier.trim() : '';
  if (carrier === '') errors.push(`${path}carrier is required`);
  const month = typeof raw.month === 'string' ? raw.month.trim() : '';
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) errors.push(`${path}month must be YYYY-MM`);
  const amount = decimalText(typeof raw.amount === 'string' ? raw.amount.trim() : raw.amount, `${path}amount`, errors);
  const currencyText = typeof raw.currency === 'string' && raw.currency.trim() !== '' ? raw.currency.trim().toUpperCase() : null;
  if (raw.currency !== undefined && raw.currency !== null && raw.currency !== '' && !isCurrencyCode(currencyText)) errors.push(`${path}currency must be an ISO 4217 code such as EUR`);
  // invoices.amount is numeric(20,6): more would be rounded or overflow silently, so it is refused.
  if (amount !== null && !/^\d{1,14}(\.\d{1,6})?$/.test(amount)) errors.push(`${path}amount must have at most 14 digits before and 6 after the point`);
  if (errors.length > before || amount === null) return null;
  return { carrier, month, amount, currency: currencyText };
}

@Injectable()
export class InvoicesService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** PUT /carriers/{code}/invoices/{YYYY-MM} {amount, currency?}: the month's invoiced amount (contracts.md §2). */
  async put(principal: Principal, code: string, monthText: string, body: unknown) {
    const month = statementMonth(monthText);
    const fields = bodyObject(body);
    const errors: string[] = [];
    const entry = validEntry({ carrier: code, month, amount: fields.amount, currency: fields.currency }, '', errors);
    if (!entry) throw new BadRequestException({ message: 'invalid invoice', errors });
    const [stored] = await this.store(principal, [entry], 'api');
    return stored;
  }

  /** POST /invoices (text/csv): `carrier,month,amount[,currency]` per line after a header; all rows or none. */
  async importCsv(principal: Principal, body: unknown) {
    if (typeof body !== 'string') throw new BadRequestException({ message: 'invalid invoice CSV', errors: ['send the CSV as the body with Content-Type: text/csv'] });
    const lines = body.split(/\r?\n/).filter((line) => line.trim() !== '');
    const header = (lines.shift() ?? '').split(',').map((cell) => cell.trim().toLowerCase());
    const errors: string[] = [];
    const columns = ['carrier', 'month', 'amount'];
    for (const column of columns) if (!header.includes(column)) errors.push(`the header must name the column ${column} (carrier,month,amount[,currency])`);
    if (lines.length === 0) errors.push('the CSV has no rows');
    if (lines.length > MAX_CSV_ROWS) errors.push(`the CSV has ${lines.length} rows; at most ${MAX_CSV_ROWS}`);
    if (errors.length > 0) throw new BadRequestException({ message: 'invalid invoice CSV', errors });
    const entries: InvoiceEntry[] = [];
    const seen = new Map<string, number>();
    lines.forEach((line, index) => {
      const cells = line.split(',').map((cell) => cell.trim());
      const cell = (name: string) => (header.indexOf(name) >= 0 ? cells[header.indexOf(name)] : undefined);
      const path = `line ${index + 2}: `;
      const entry = validEntry({ carrier: cell('carrier'), month: cell('month'), amount: cell('amount'), currency: cell('currency') }, path, errors);
      if (!entry) return;
      const key = `${entry.carrier}|${entry.month}`;
      if (seen.has(key)) errors.push(`${path}repeats ${entry.carrier} ${entry.month} of line ${seen.get(key)}`);
      seen.set(key, index + 2);
      entries.push(entry);
    });
    if (errors.length > 0) throw new BadRequestException({ message: 'invalid invoice CSV', errors });
    return { stored: await this.store(principal, entries, 'csv') };
  }

  private async store(principal: Principal, entries: InvoiceEntry[], source: 'api' | 'csv') {
    const by = await actorOf(this.dataSource, principal);
    const now = this.clock.now();
    return this.dataSource.transaction(async (manager) => {
      const stored = [];
      for (const entry of entries) {
        const carrier = await findCarrierByCode(manager, entry.carrier);
        if (!carrier) throw new NotFoundException(`carrier '${entry.carrier}' is not registered`);
        await upsertInvoice(manager, { carrierId: carrier.id, month: entry.month, amount: entry.amount, currency: entry.currency, source, enteredBy: by, enteredAt: now });
        await insertAudit(manager, { at: now, actor: by, action: 'invoice.entered', carrierId: carrier.id, month: entry.month, subjectId: null, reason: null, details: { amount: entry.amount, currency: entry.currency, source } });
        stored.push({ carrier: entry.carrier, month: entry.month, amount: entry.amount, currency: entry.currency, source, enteredAt: now.toISOString(), enteredBy: by });
      }
      return stored;
    });
  }
}
