import { LanewatchConfig } from '@lanewatch/config';
import {
  appliedContractsOf,
  CarrierRow,
  lockCodeMap,
  dataQualityIssuesOfCarrier,
  expireOtherKeys,
  findCarrierByCode,
  getCodeMap,
  insertRemapBatch,
  lockCarrierRow,
  setWebhookSecret,
  unlinkedLegsOfCarrier,
  insertCarrier,
  insertCarrierKey,
  listCarrierKeys,
  legsByIds,
  listCarriers,
  replaceCodeMap,
  revokeCarrierKey,
  peerMappedTexts,
  SUGGESTION_BOUNDS,
  unmappedCodes,
  unmappedCodeSamples,
} from '@lanewatch/db';
import {
  changedCodes,
  CodeMap,
  isUuid,
  legIdsOfIssues,
  MAX_CODE_MAP_ENTRIES,
  Milestone,
  parseCarrierRegistration,
  parseCodeMapBody,
  presentLinkIssue,
  suggestMilestone,
} from '@lanewatch/domain';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { BatchQueue, CLOCK, Clock, CONFIG, DATA_SOURCE } from '../infrastructure';
import { generateApiKey, newWebhookSecret } from '@lanewatch/crypto';

@Injectable()
export class CarriersService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly batchQueue: BatchQueue,
    @Inject(CONFIG) private readonly config: LanewatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(body: unknown) {
    const parsed = parseCarrierRegistration(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid carrier', errors: parsed.errors });
    const { code, name, kind } = parsed.value;
    const webhook = newWebhookSecret(this.config.secretKey, code);
    const key = generateApiKey();
    return this.dataSource.transaction(async (manager) => {
      const carrier = await insertCarrier(manager, {
        code,
        name,
        kind,
        webhookSecretSalt: webhook.salt,
        webhookSecretHash: webhook.hash,
      });
      if (!carrier) throw new ConflictException(`carrier '${code}' already exists; rotate its key with POST /api/v1/carriers/${code}/keys/rotate`);
      await insertCarrierKey(manager, { carrierId: carrier.id, keyHash: key.keyHash, keyPrefix: key.keyPrefix });
      // Shown once: only hashes are kept.
      return { code, name, kind, apiKey: key.apiKey, webhookSecret: webhook.secret };
    });
  }

  async list() {
    const carriers = await listCarriers(this.dataSource);
    return Promise.all(
      carriers.map(async (carrier) => ({
        code: carrier.code,
        name: carrier.name,
        kind: carrier.kind,
        createdAt: carrier.created_at,
        keys: (await listCarrierKeys(this.dataSource, carrier.id)).map((key) => ({
          id: key.id,
          prefix: key.key_prefix,
          createdAt: key.created_at,
          expiresAt: key.expires_at,
          revokedAt: key.revoked_at,
        })),
      })),
    );
  }

  async rotateKey(code: string) {
    const carrier = await this.carrier(code);
    const key = generateApiKey();
    const expiresAt = new Date(this.clock.now().getTime() + this.config.keyRotationGraceHours * 3_600_000);
    return this.dataSource.transaction(async (manager) => {
      const keyId = await insertCarrierKey(manager, { carrierId: carrier.id, keyHash: key.keyHash, keyPrefix: key.keyPrefix });
      await expireOtherKeys(manager, carrier.id, keyId, expiresAt);
      return { carrier: code, keyId, apiKey: key.apiKey, previousKeysExpireAt: expiresAt.toISOString() };
    });
  }

  async revokeKey(code: string, keyId: string) {
    const carrier = await this.carrier(code);
    if (!isUuid(keyId) || !(await revokeCarrierKey(this.dataSource, carrier.id, keyId))) {
      throw new NotFoundException(`no active key '${keyId}' for carrier '${code}'`);
    }
    return { carrier: code, keyId, revoked: true };
  }

  async rotateWebhookSecret(code: string) {
    const carrier = await this.carrier(code);
    const webhook = newWebhookSecret(this.config.secretKey, code);
    await setWebhookSecret(this.dataSource, carrier.id, { salt: webhook.salt, hash: webhook.hash });
    return { carrier: code, webhookSecret: webhook.secret };
  }

  async codeMap(code: string) {
    const carrier = await this.carrier(code);
    const mappings = await getCodeMap(this.dataSource, carrier.id);
    return { carrier: code, mappings: Object.fromEntries(mappings), unmapped: await this.unmapped(carrier) };
  }

  /** Replaces the map; stored events of every code whose meaning changed are re-mapped by the worker. */
  async replaceCodeMap(code: string, body: unknown) {
    const parsed = parseCodeMapBody(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid code map', errors: parsed.errors });
    return this.changeCodeMap(code, () => parsed.mappings);
  }

  /** Adds or changes one code (an accepted suggestion): the same change, lock and re-map as a PUT of the whole map. */
  async mapCode(code: string, rawCode: string, body: unknown) {
    const milestone = typeof body === 'object' && body !== null ? (body as { milestone?: unknown }).milestone : undefined;
    const parsed = parseCodeMapBody({ mappings: { [rawCode]: milestone } });
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid mapping: the body is {"milestone": "<milestone>"}', errors: parsed.errors });
    const [[mappedCode, mappedMilestone]] = [...parsed.mappings];
    return this.changeCodeMap(code, (before) => {
      const after = new Map(before).set(mappedCode, mappedMilestone);
      if (after.size > MAX_CODE_MAP_ENTRIES) throw new BadRequestException(`the code map already has ${MAX_CODE_MAP_ENTRIES} entries`);
      return after;
    });
  }

  /** A suggested milestone with its evidence for each of the carrier's commonest unmapped codes. */
  async codeMapSuggestions(code: string) {
    const carrier = await this.carrier(code);
    const [unmapped, samples, peers] = await Promise.all([
      this.unmapped(carrier),
      unmappedCodeSamples(this.dataSource, carrier.id),
      peerMappedTexts(this.dataSource, carrier.id),
    ]);
    const peerTexts = peers.map((row) => ({ text: row.text, milestone: row.milestone, events: row.events, carriers: row.carriers }));
    return {
      carrier: code,
      sample: SUGGESTION_BOUNDS,
      codes: unmapped.slice(0, SUGGESTION_BOUNDS.codes).map((entry) => ({
          ...entry,
          suggestion: suggestMilestone({
            code: entry.code,
            samples: samples.filter((row) => row.raw_code === entry.code).map((row) => ({ text: row.text, events: row.events, examples: row.examples })),
            peers: peerTexts,
          }),
        })),
    };
  }

  private async changeCodeMap(code: string, nextMap: (before: CodeMap) => Map<string, Milestone>) {
    const carrier = await this.carrier(code);
    const result = await this.dataSource.transaction(async (manager) => {
      await lockCarrierRow(manager, carrier.id);
      // Batches mapping this carrier's events with the old map commit first: the re-map sees them.
      await lockCodeMap(manager, carrier.id);
      const before = (await getCodeMap(manager, carrier.id)) as CodeMap;
      const mappings = nextMap(before);
      await replaceCodeMap(manager, carrier.id, mappings);
      const codes = changedCodes(before, mappings);
      if (codes.length === 0) return { mappings, remap: { batchId: null, codes } };
      const batchId = await insertRemapBatch(manager, { carrierId: carrier.id, codes, receivedAt: this.clock.now() });
      return { mappings, remap: { batchId, codes } };
    });
    if (result.remap.batchId) await this.batchQueue.enqueue(result.remap.batchId);
    return { carrier: code, mappings: Object.fromEntries(result.mappings), remap: result.remap };
  }

  /** A carrier key sees the conflicts its legs are in, naming only its own legs (events.md §9). */
  async dataQuality(code: string, scopedToCarrier: boolean) {
    const carrier = await this.carrier(code);
    const unlinked = await unlinkedLegsOfCarrier(this.dataSource, carrier.id);
    const stored = await dataQualityIssuesOfCarrier(this.dataSource, carrier.id, 200);
    const legs = await legsByIds(this.dataSource, legIdsOfIssues(stored));
    const names = new Map(legs.map((leg) => [leg.id, { carrier: leg.carrier_code, trackingNumber: leg.tracking_number }]));
    const own = new Set(legs.filter((leg) => leg.carrier_id === carrier.id).map((leg) => leg.id));
    const conflicts = stored.map((issue) => presentLinkIssue({ issue, names, visible: scopedToCarrier ? (legId) => own.has(legId) : null }));
    const unmapped = await this.unmapped(carrier);
    return {
      carrier: code,
      unmappedEvents: unmapped.reduce((sum, entry) => sum + entry.events, 0),
      unmappedCodes: unmapped,
      unlinkedEvents: unlinked.events,
      unlinkedLegs: unlinked.legs,
      issues: conflicts,
    };
  }

  /** The carrier's applied contract versions as stored (the whole parsed document), latest first. */
  async contracts(code: string) {
    await this.carrier(code);
    const versions = await appliedContractsOf(this.dataSource, code);
    // The stored document is the parsed contract (SlaContract): its clock holds calendar, time zone and allowances.
    return versions.map((row) => {
      const document = row.document as { clock?: { calendar?: unknown; timeZone?: unknown; days?: unknown; exclude?: unknown; allowances?: unknown }; money?: { currency?: unknown } | null; policies?: unknown };
      const clock = document.clock ?? {};
      return {
        contract: row.contract,
        effectiveFrom: row.effective_from,
        appliedAt: row.applied_at.toISOString(),
        currency: document.money?.currency ?? null,
        calendar: clock.calendar ?? null,
        clock: { timeZone: clock.timeZone ?? 'UTC', days: clock.days ?? 'calendar', exclude: clock.exclude ?? [] },
        allowances: clock.allowances ?? [],
        money: document.money ?? null,
        terms: document.policies ?? [],
      };
    });
  }

  async carrier(code: string): Promise<CarrierRow> {
    const carrier = await findCarrierByCode(this.dataSource, code);
    if (!carrier) throw new NotFoundException(`carrier '${code}' is not registered`);
    return carrier;
  }

  private async unmapped(carrier: CarrierRow) {
    return (await unmappedCodes(this.dataSource, carrier.id)).map((row) => ({
      code: row.raw_code,
      events: row.event_count,
      lastSeenAt: row.last_seen_at,
    }));
  }
}
