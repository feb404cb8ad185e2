import { LanewatchConfig } from '@lanewatch/config';
import { findCarrierByCode, listCarriers } from '@lanewatch/db';
import { parseInstantWithOffset, TRACKING_NUMBER_PATTERN } from '@lanewatch/domain';
import { AdapterResult, carrierResolver, FORMAT_DEFINITIONS, FormatName, isFormatName, PayloadShapeError } from '@lanewatch/formats';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { deriveWebhookSecret } from '@lanewatch/crypto';
import { BatchQueue, CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure';
import { IngestResponse, IngestService } from '../ingest';
import { loadDefaultCodeMap } from './default-code-map';
import { ReplayGuard } from './replay-guard';

export interface WebhookRequest {
  format: string;
  carrier: string;
  rawBody: Buffer | undefined;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
}

export type WebhookResponse = IngestResponse & { warnings: { kind: string; path: string; errors: string[] }[]; replayed?: boolean };

const SIGNATURE_HEADERS: Record<string, string> = { aftership: 'aftership-hmac-sha256', '17track': 'sign', easypost: 'x-hmac-signature' };
const IN_FLIGHT_RETRY_SECONDS = 5;

@Injectable()
export class WebhooksService {
  /** Carrier and format pairs whose default code map is known to be loaded (saves a query per request). */
  private readonly defaultsLoaded = new Set<string>();

  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly ingest: IngestService,
    private readonly batchQueue: BatchQueue,
    private readonly replayGuard: ReplayGuard,
  ) {}

  formatOf(name: string): FormatName {
    if (!isFormatName(name)) throw new NotFoundException(`no carrier format '${name}'; formats: ${Object.keys(FORMAT_DEFINITIONS).join(', ')}`);
    return name;
  }

  /**
   * Signed formats: the carrier's webhook secret checks the raw bytes before anything is parsed
   * further or stored; any failure is one 401 that stores nothing. Answers the decoded digest, which
   * the replay guard keys on.
   */
  async verifySigned(request: WebhookRequest): Promise<{ principal: Principal; digest: Buffer }> {
    const format = this.formatOf(request.format);
    const definition = FORMAT_DEFINITIONS[format];
    if (!definition.signed || !definition.verify) throw new NotFoundException(`format '${format}' is not signed: post it with the carrier's Bearer key`);
    const carrier = await findCarrierByCode(this.dataSource, request.carrier);
    const header = (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    };
    if (!carrier || !request.rawBody) throw new UnauthorizedException(`the ${SIGNATURE_HEADERS[format]} signature does not match the body`);
    const secret = deriveWebhookSecret(this.config.secretKey, carrier.code, carrier.webhook_secret_salt);
    const headers = Object.fromEntries(Object.keys(request.headers).map((name) => [name.toLowerCase(), header(name)]));
    const check = definition.verify({ rawBody: request.rawBody, headers, parsed: request.body, secret, now: this.clock.now() });
    if (!check.ok) throw new UnauthorizedException(check.error);
    return { principal: { kind: 'carrier', carrierId: carrier.id, carrierCode: carrier.code }, digest: check.digest };
  }

  /** A carrier key may post only as its own carrier; the admin token as any registered carrier. */
  async principalForKey(principal: Principal, carrierCode: string): Promise<Principal> {
    if (principal.kind === 'carrier') {
      if (principal.carrierCode !== carrierCode) throw new UnauthorizedException(`this API key belongs to '${principal.carrierCode}', not '${carrierCode}'`);
      return principal;
    }
    const carrier = await findCarrierByCode(this.dataSource, carrierCode);
    if (!carrier) throw new NotFoundException(`no carrier '${carrierCode}'`);
    return { kind: 'carrier', carrierId: carrier.id, carrierCode: carrier.code };
  }

  async receive(request: WebhookRequest, principal: Principal, digest: Buffer | null): Promise<WebhookResponse> {
    const format = this.formatOf(request.format);
    if (principal.kind !== 'carrier') throw new UnauthorizedException('a carrier is required');
    const reservation = digest ? await this.replayGuard.reserve(principal.carrierCode, digest) : null;
    if (reservation?.status === 'replayed') return { batchId: null, accepted: 0, duplicates: 0, rejected: [], warnings: [], replayed: true };
    if (reservation?.status === 'in-flight') {
      // Not "replayed": the first copy may still fail to commit, and then this one must be sent again.
      throw new ConflictException({
        message: `an identical delivery is being stored right now; retry after ${IN_FLIGHT_RETRY_SECONDS} s`,
        retryAfterSeconds: IN_FLIGHT_RETRY_SECONDS,
      });
    }
    try {
      const response = await this.store(format, request, principal);
      // Remembered only once committed: a delivery that failed is stored when the carrier retries it.
      if (response.batchId) await reservation?.commit();
      else await reservation?.release();
      return response;
    } catch (error) {
      await reservation?.release();
      throw error;
    }
  }

  private async store(format: FormatName, request: WebhookRequest, principal: Principal & { kind: 'carrier' }): Promise<WebhookResponse> {
    const carriers = await listCarriers(this.dataSource);
    let adapted: AdapterResult;
    try {
      adapted = FORMAT_DEFINITIONS[format].adapt(request.body, { resolveCarrier: carrierResolver(carriers) });
    } catch (error) {
      if (error instanceof PayloadShapeError) throw new BadRequestException(error.message);
      throw error;
    }
    await this.ensureDefaultCodeMap(principal.carrierId, format);

    const rejected: IngestResponse['rejected'] = adapted.rejected.map(({ path, errors }) => ({ path, errors }));
    const estimates = adapted.estimates.filter((estimate) => {
      const errors = [
        ...(TRACKING_NUMBER_PATTERN.test(estimate.trackingNumber) ? [] : [`${estimate.path}: tracking number must be 4-64 characters of A-Z a-z 0-9 . _ -`]),
        ...(parseInstantWithOffset('carrierEstimate', estimate.carrierEstimate).ok ? [] : [`${estimate.path}: the estimate is not a date-time with an offset`]),
      ];
      if (errors.length > 0) rejected.push({ path: estimate.path, errors });
      return errors.length === 0;
    });
    const response = await this.ingest.ingestPrepared(principal, {
      source: `webhook:${format}`,
      events: adapted.events.map(({ path, event, raw }) => ({ input: event, raw, place: { path } })),
      rejected,
      estimates: estimates.map(({ trackingNumber, carrierEstimate }) => ({ trackingNumber, carrierEstimate })),
      warnings: adapted.warnings.map((warning) => warning.kind),
    });
    return { ...response, warnings: adapted.warnings };
  }

  private async ensureDefaultCodeMap(carrierId: number, format: FormatName): Promise<void> {
    const key = `${carrierId}:${format}`;
    if (this.defaultsLoaded.has(key)) return;
    const remapBatch = await loadDefaultCodeMap(this.dataSource, {
      carrierId,
      source: `webhook:${format}`,
      codeMap: FORMAT_DEFINITIONS[format].codeMap,
      now: this.clock.now(),
    });
    if (remapBatch) await this.batchQueue.enqueue(remapBatch);
    this.defaultsLoaded.add(key);
  }
}
