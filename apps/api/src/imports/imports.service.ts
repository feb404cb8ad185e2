import {
  findCarrierByCode,
  findImport,
  finishImport,
  getImportMapping,
  importRejections,
  ImportRow,
  insertImport,
  listImports,
  recordChunk,
  saveImportMapping,
} from '@lanewatch/db';
import { ImportMapping, importRowToEvent, missingColumns, parseImportMapping } from '@lanewatch/formats';
import { BadRequestException, ForbiddenException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { parse } from 'csv-parse';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier } from '../auth/ownership';
import type { Principal } from '../auth/principal';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure/tokens';
import { IngestService, PreparedEvent } from '../ingest/ingest.service';
import { firstFilePart } from './multipart-file';

/** Rows per committed inbox batch (events.md §2 limit). */
export const IMPORT_CHUNK_ROWS = 5000;

type CarrierPrincipal = Extract<Principal, { kind: 'carrier' }>;

@Injectable()
export class ImportsService {
  private readonly logger = new Logger('Imports');

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ingest: IngestService,
  ) {}

  private async carrierPrincipal(principal: Principal, carrierCode: string | undefined): Promise<CarrierPrincipal> {
    if (principal.kind === 'carrier') {
      if (carrierCode && carrierCode !== principal.carrierCode) assertOwnCarrier(principal, carrierCode);
      return principal;
    }
    if (!carrierCode) throw new BadRequestException('name the carrier: ?carrier=<code> (required with the admin token)');
    const carrier = await findCarrierByCode(this.dataSource, carrierCode);
    if (!carrier) throw new NotFoundException(`no carrier '${carrierCode}'`);
    return { kind: 'carrier', carrierId: carrier.id, carrierCode: carrier.code };
  }

  async mapping(principal: Principal, carrierCode: string) {
    assertOwnCarrier(principal, carrierCode);
    const carrier = await this.carrierPrincipal(principal.kind === 'carrier' ? principal : { kind: 'admin' }, carrierCode);
    return { carrier: carrierCode, mapping: await getImportMapping(this.dataSource, carrier.carrierId) };
  }

  async saveMapping(carrierCode: string, body: unknown) {
    const parsed = parseImportMapping(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid import mapping', errors: parsed.errors });
    const carrier = await this.carrierPrincipal({ kind: 'admin' }, carrierCode);
    await saveImportMapping(this.dataSource, carrier.carrierId, parsed.mapping);
    return { carrier: carrierCode, mapping: parsed.mapping };
  }

  /**
   * Streams the file through the CSV parser; every 5,000 rows go through the same ingest path as
   * POST /events (one committed inbox batch each) and the progress row is updated, so
   * GET /imports/{id} shows it while the upload still runs.
   */
  async run(principal: Principal, request: Request, carrierCode: string | undefined) {
    const carrier = await this.carrierPrincipal(principal, carrierCode);
    const stored = await getImportMapping(this.dataSource, carrier.carrierId);
    if (!stored) throw new BadRequestException(`carrier '${carrier.carrierCode}' has no import mapping: PUT /api/v1/carriers/${carrier.carrierCode}/import-mapping first`);
    const mapping = stored as ImportMapping;
    const { stream, fileName } = await firstFilePart(request);
    const id = randomUUID();
    await insertImport(this.dataSource, { id, carrierId: carrier.carrierId, fileName, startedAt: this.clock.now() });

    const parser = stream.pipe(parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true }));
    let events: PreparedEvent[] = [];
    let rejected: { index: number; errors: string[] }[] = [];
    let rows = 0;
    const flush = async () => {
      if (rows === 0) return;
      // Rows the mapping rejected go through the ingest path too, so the ingest counters see them.
      const response = await this.ingest.ingestPrepared(carrier, { source: 'csv-import', events, rejected });
      const rejections = response.rejected.map((entry) => ({ line: (entry as { index: number }).index, errors: entry.errors }));
      await recordChunk(this.dataSource, {
        id,
        rowsRead: rows,
        accepted: response.accepted + response.duplicates,
        rejections,
        batch: response.batchId !== null,
      });
      events = [];
      rejected = [];
      rows = 0;
    };
    try {
      let checkedHeader = false;
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        if (!checkedHeader) {
          const missing = missingColumns(mapping, Object.keys(record));
          if (missing.length > 0) throw new BadRequestException(`the file has no column ${missing.map((name) => `'${name}'`).join(', ')} named by the import mapping`);
          checkedHeader = true;
        }
        rows += 1;
        const row = importRowToEvent(record, mapping);
        if (row.ok) events.push({ input: row.event, raw: record, place: { index: info.lines } });
        else rejected.push({ index: info.lines, errors: row.errors });
        if (rows >= IMPORT_CHUNK_ROWS) await flush();
      }
      await flush();
      await finishImport(this.dataSource, { id, status: 'completed', error: null, finishedAt: this.clock.now() });
    } catch (error) {
      stream.resume(); // drain the rest of the upload so the client gets its answer
      // The client's file (a bad header, broken quoting) is a 400 naming it; anything else is ours: logged, 500.
      const csvError = typeof (error as { code?: unknown }).code === 'string' && (error as { code: string }).code.startsWith('CSV_');
      if (!(error instanceof BadRequestException) && !csvError) {
        this.logger.error(`import ${id} failed: ${error instanceof Error ? error.stack : String(error)}`);
        await finishImport(this.dataSource, { id, status: 'failed', error: 'internal error; it has been logged', finishedAt: this.clock.now() });
        throw error;
      }
      const message = error instanceof BadRequestException ? error.message : `the CSV could not be read: ${(error as Error).message}`;
      await finishImport(this.dataSource, { id, status: 'failed', error: message, finishedAt: this.clock.now() });
      throw new BadRequestException({ message, importId: id });
    }
    return this.view(principal, id);
  }

  async view(principal: Principal, id: string) {
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await findImport(this.dataSource, id) : null;
    if (!row) throw new NotFoundException(`no import '${id}'`);
    if (principal.kind === 'carrier' && principal.carrierId !== row.carrier_id) throw new ForbiddenException('this import belongs to another carrier');
    return { ...present(row), rejections: await importRejections(this.dataSource, id, 100) };
  }

  async list(principal: Principal) {
    return { imports: (await listImports(this.dataSource, principal.kind === 'carrier' ? principal.carrierId : null)).map(present) };
  }

  async rejectionsCsv(principal: Principal, id: string): Promise<string> {
    await this.view(principal, id);
    const rows = await importRejections(this.dataSource, id, null);
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    return ['line,errors', ...rows.map((row) => `${row.line},${quote(row.errors.join('; '))}`)].join('\n') + '\n';
  }
}

function present(row: ImportRow) {
  return {
    importId: row.id,
    carrier: row.carrier_code,
    status: row.status,
    fileName: row.file_name,
    rowsRead: row.rows_read,
    accepted: row.accepted,
    rejected: row.rejected,
    batches: row.batches,
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    rejectionsCsv: `/api/v1/imports/${row.id}/rejections.csv`,
  };
}
