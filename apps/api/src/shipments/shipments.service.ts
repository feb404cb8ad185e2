import {
  AttributeChangeRow,
  attributeHistory,
  dataQualityIssuesOfLegs,
  eventsOfLegs,
  findCarrierByCode,
  findLegsByNumber,
  findShipment,
  LegRow,
  legsByIds,
  legsOfShipment,
  ShipmentRow,
} from '@lanewatch/db';
import { legIdsOfIssues, normaliseCarrierCode, normaliseTrackingNumber, parseLegLookup, parseShipmentRegistration } from '@lanewatch/domain';
import { registerShipment } from '@lanewatch/write-path';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure';
import { buildShipmentView } from './shipment-view';

@Injectable()
export class ShipmentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async register(principal: Principal, body: unknown) {
    const parsed = parseShipmentRegistration(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid shipment', errors: parsed.errors });
    assertOwnCarrier(principal, parsed.value.carrier);
    const carrier = await findCarrierByCode(this.dataSource, parsed.value.carrier);
    if (carrier === null) throw new BadRequestException({ message: 'invalid shipment', errors: [`carrier '${parsed.value.carrier}' is not a registered carrier`] });
    const { created } = await registerShipment(this.dataSource, {
      ...parsed.value,
      receivedAt: this.clock.now(),
      source: principal.kind === 'carrier' ? `api:${principal.carrierCode}` : 'api:admin',
      byCarrier: principal.kind === 'carrier',
    });
    return { created, view: await this.detail(principal, parsed.value.carrier, parsed.value.trackingNumber) };
  }

  /**
   * Any leg's number finds the whole journey; an unlinked leg is shown on its own. A carrier key sees
   * only its own legs of it: their events, raw payloads and the attributes it sent (events.md §9).
   */
  async detail(principal: Principal, carrierCode: string, trackingNumber: string) {
    const leg = await this.oneLeg(principal, normaliseCarrierCode(carrierCode), normaliseTrackingNumber(trackingNumber));
    const stored = leg.shipment_id ? await findShipment(this.dataSource, leg.shipment_id) : null;
    const journey = stored ? await legsOfShipment(this.dataSource, stored.id) : [leg];
    const ownCarrierId = principal.kind === 'carrier' ? principal.carrierId : null;
    const legs = ownCarrierId === null ? journey : journey.filter((row) => row.carrier_id === ownCarrierId);
    const legIds = legs.map((row) => row.id);
    const [events, fullHistory, issues] = await Promise.all([
      eventsOfLegs(this.dataSource, legIds),
      attributeHistory(this.dataSource, legIds),
      dataQualityIssuesOfLegs(this.dataSource, legIds),
    ]);
    const history = ownCarrierId === null ? fullHistory : fullHistory.filter((change) => change.carrier_id === ownCarrierId);
    const issueLegs = new Map((await legsByIds(this.dataSource, legIdsOfIssues(issues))).map((row) => [row.id, { carrier: row.carrier_code, trackingNumber: row.tracking_number }]));
    return buildShipmentView({
      shipment: stored && ownCarrierId !== null ? ownAttributes(stored, history) : stored,
      legs,
      events,
      history,
      issues,
      issueLegs,
      visibleLegIds: ownCarrierId === null ? null : new Set(legIds),
      asOf: this.clock.now(),
    });
  }

  /**
   * Every leg with this number, whatever its case, at any carrier (a carrier key: its own legs only), so a
   * number alone finds the parcel and two carriers' equal numbers are offered to pick from.
   */
  async lookup(principal: Principal, query: Record<string, unknown>) {
    const parsed = parseLegLookup(query);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid lookup', errors: parsed.errors });
    const { trackingNumber, carrier } = parsed.value;
    if (carrier !== null) assertOwnCarrier(principal, carrier);
    const found = await findLegsByNumber(this.dataSource, {
      trackingNumber,
      carrierCode: carrier,
      carrierId: principal.kind === 'carrier' ? principal.carrierId : null,
      limit: LOOKUP_LIMIT,
    });
    return {
      trackingNumber,
      legs: found.map((leg) => ({ carrier: leg.carrier_code, trackingNumber: leg.tracking_number, linked: leg.shipment_id !== null, events: leg.event_count })),
    };
  }

  // The exact spelling wins; otherwise one leg whatever the case. Two spellings at one carrier are a 409
  // naming both, never a silent pick.
  private async oneLeg(principal: Principal, carrierCode: string, trackingNumber: string): Promise<LegRow> {
    assertOwnCarrier(principal, carrierCode);
    const found = await findLegsByNumber(this.dataSource, { trackingNumber, carrierCode, limit: 10 });
    const exact = found.find((leg) => leg.tracking_number === trackingNumber);
    if (exact) return exact;
    if (found.length === 0) throw new NotFoundException(`no events or shipment for ${carrierCode} ${trackingNumber}`);
    if (found.length > 1) {
      throw new ConflictException(
        `carrier ${carrierCode} has ${found.length} legs spelled ${found.map((leg) => leg.tracking_number).join(', ')}: give the number as the carrier writes it`,
      );
    }
    return found[0];
  }
}

const LOOKUP_LIMIT = 50;

/** The shipment as one carrier told it: per field, the latest value it sent itself (history comes in event-time order). */
function ownAttributes(shipment: ShipmentRow, history: AttributeChangeRow[]): ShipmentRow {
  const latest = new Map<string, string | null>();
  for (const change of history) latest.set(change.field, change.value);
  const value = (field: string) => latest.get(field) ?? null;
  const instant = (field: string) => {
    const text = value(field);
    return text === null ? null : new Date(text);
  };
  return {
    ...shipment,
    origin: value('origin'),
    destination: value('destination'),
    service_level: value('serviceLevel'),
    promised_by: instant('promisedBy'),
    order_ref: value('orderRef'),
    carrier_estimate: instant('carrierEstimate'),
  };
}
