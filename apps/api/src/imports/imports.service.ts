import { LanewatchConfig } from '@lanewatch/config';
import {
  failStaleImports,
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
  touchImport,
} from '@lanewatch/db';
import { isUuid } from '@lanewatch/domain';
import { ImportMapping, importRowToEvent, missingColumns, parseImportMapping } from '@lanewatch/formats';
import type { FeedWarningKind } from '@lanewatch/domain';
import {
  BadRequestException,
  ForbiddenException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure';
import { IngestRateLimiter, IngestService, PreparedEvent } from '../ingest';
import { ClientFailure, createCsvParser, csvFailureOf, ImportLimits, oversizedField } from './import-failure.util';
import { openFileUpload } from './multipart-upload.util';

/** Rows per committed inbox batch (events.md §2 limit). */
export const IMPORT_CHUNK_ROWS = 5000;
/** A running import whose heartbeat is this many beats old belongs to a process that stopped. */
export const IMPORT_STALE_BEATS = 6;

type CarrierPrincipal = Extract<Principal, { kind: 'carrier' }>;

@Injectable()
export class ImportsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Imports');
  private readonly limits: ImportLimits;

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    private readonly ingest: IngestService,
    private readonly rateLimiter: IngestRateLimiter,
  ) {
    this.limits = { maxFileBytes: config.importMaxFileBytes, maxRowBytes: config.importMaxRowBytes, maxFieldBytes: config.importMaxFieldBytes };
  }

  /** Imports a crashed process left running are failed at start (once stale) and whenever imports are read. */
  async onApplicationBootstrap(): Promise<void> {
    await this.failStaleImports().catch((error: unknown) => this.logger.warn(`stale imports not checked at start: ${(error as Error).message}`));
  }

  private async failStaleImports(): Promise<void> {
    const now = this.clock.now();
    const staleBefore = new Date(now.getTime() - IMPORT_STALE_BEATS * this.config.importHeartbeatMs);
    const failed = await failStaleImports(this.dataSource, { staleBefore, now });
    if (failed.length > 0) this.logger.warn(`imports ${failed.join(', ')} had no heartbeat since ${staleBefore.toISOString()}: marked failed`);
  }

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
   * GET /imports/{id} shows it while the upload still runs. The request spends one point of the
   * carrier's ingest budget (429 before anything is read), each committed chunk one more (waiting
   * for the budget rather than failing half-way). Whatever stops the file ends this import only: it
   * is marked failed with the reason, and the connection is settled by UploadConnectionMiddleware.
   */
  async run(principal: Principal, request: Request, carrierCode: string | undefined) {
    const carrier = await this.carrierPrincipal(principal, carrierCode);
    await this.rateLimiter.consume(carrier.carrierCode);
    const stored = await getImportMapping(this.dataSource, carrier.carrierId);
    if (!stored) throw new BadRequestException(`carrier '${carrier.carrierCode}' has no import mapping: PUT /api/v1/carriers/${carrier.carrierCode}/import-mapping first`);
    const { stream, fileName } = await openFileUpload(request, this.limits);
    const id = randomUUID();
    await insertImport(this.dataSource, { id, carrierId: carrier.carrierId, fileName, startedAt: this.clock.now() });
    const heartbeat = setInterval(() => {
      touchImport(this.dataSource, { id, now: this.clock.now() }).catch((error: unknown) => this.logger.warn(`import ${id} heartbeat: ${(error as Error).message}`));
    }, this.config.importHeartbeatMs);
    heartbeat.unref();
    const progress = { lastLine: 0 };
    try {
      await this.importRows({ id, carrier, mapping: stored as ImportMapping, stream, progress });
      await finishImport(this.dataSource, { id, status: 'completed', error: null, finishedAt: this.clock.now() });
    } catch (error) {
      stream.destroy(); // read no further; what is left of the body is drained or the connection closed
      const failure = clientFailure(error) ?? csvFailureOf(error, { lastLine: progress.lastLine, limits: this.limits });
      if (!failure) {
        this.logger.error(`import ${id} failed: ${error instanceof Error ? error.stack : String(error)}`);
        await finishImport(this.dataSource, { id, status: 'failed', error: 'internal error; it has been logged', finishedAt: this.clock.now() });
        throw error;
      }
      await finishImport(this.dataSource, { id, status: 'failed', error: failure.message, finishedAt: this.clock.now() });
      throw new HttpException({ statusCode: failure.status, message: failure.message, importId: id }, failure.status);
    } finally {
      clearInterval(heartbeat);
    }
    return this.view(principal, id);
  }

  private async importRows(input: { id: string; carrier: CarrierPrincipal; mapping: ImportMapping; stream: Readable; progress: { lastLine: number } }) {
    const { id, carrier, mapping, progress } = input;
    const parser = createCsvParser(this.limits, progress);
    // The pipeline carries an upload failure (malformed, too large, aborted) into the parser, where the loop below sees it.
    pipeline(input.stream, parser, () => undefined);
    let events: PreparedEvent[] = [];
    let rejected: { index: number; errors: string[] }[] = [];
    let rows = 0;
    let warnings: FeedWarningKind[] = [];
    const flush = async () => {
      if (rows === 0) return;
      await this.rateLimiter.spendWaiting(carrier.carrierCode);
      // Rows the mapping rejected go through the ingest path too, so the ingest counters see them.
      const response = await this.ingest.ingestPrepared(carrier, { source: 'csv-import', events, rejected, warnings });
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
      warnings = [];
      rows = 0;
    };
    let checkedHeader = false;
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      if (!checkedHeader) {
        const missing = missingColumns(mapping, Object.keys(record));
        if (missing.length > 0) throw new BadRequestException(`the file has no column ${missing.map((name) => `'${name}'`).join(', ')} named by the import mapping`);
        checkedHeader = true;
      }
      const tooLarge = oversizedField({ record, line: info.lines, maxFieldBytes: this.limits.maxFieldBytes });
      if (tooLarge) throw new HttpException({ statusCode: tooLarge.status, message: tooLarge.message }, tooLarge.status);
      rows += 1;
      const row = importRowToEvent(record, mapping);
      if (row.ok) {
        events.push({ input: row.event, raw: record, place: { index: info.lines } });
        // The only warning a CSV row has: a country name nothing resolves.
        for (let index = 0; index < row.warnings.length; index += 1) warnings.push('unresolved_country');
      }
      else rejected.push({ index: info.lines, errors: row.errors });
      if (rows >= IMPORT_CHUNK_ROWS) await flush();
    }
    await flush();
  }

  async view(principal: Principal, id: string) {
    await this.failStaleImports();
    const row = isUuid(id) ? await findImport(this.dataSource, id) : null;
    if (!row) throw new NotFoundException(`no import '${id}'`);
    if (principal.kind === 'carrier' && principal.carrierId !== row.carrier_id) throw new ForbiddenException('this import belongs to another carrier');
    return { ...present(row), rejections: await importRejections(this.dataSource, id, 100) };
  }

  async list(principal: Principal) {
    await this.failStaleImports();
    return { imports: (await listImports(this.dataSource, principal.kind === 'carrier' ? principal.carrierId : null)).map(present) };
  }

  async rejectionsCsv(principal: Principal, id: string): Promise<string> {
    await this.view(principal, id);
    const rows = await importRejections(this.dataSource, id, null);
    const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
    return ['line,errors', ...rows.map((row) => `${row.line},${quote(row.errors.join('; '))}`)].join('\n') + '\n';
  }
}

/** A client error raised on the way (a missing column, a bound, a broken upload) as its answer; null for anything else. */
function clientFailure(error: unknown): ClientFailure | null {
  if (!(error instanceof HttpException)) return null;
  const status = error.getStatus();
  if (status !== 400 && status !== 413) return null;
  const body = error.getResponse();
  return { status, message: typeof body === 'string' ? body : String((body as { message?: unknown }).message ?? error.message) };
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
