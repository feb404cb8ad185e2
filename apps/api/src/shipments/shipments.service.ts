import {
  AttributeChangeRow,
  attributeHistory,
  dataQualityIssuesOfLegs,
  eventsOfLegs,
  findLeg,
  findShipment,
  legsByIds,
  legsOfShipment,
  ShipmentRow,
} from '@lanewatch/db';
import { legIdsOfIssues, parseShipmentRegistration } from '@lanewatch/domain';
import { registerShipment } from '@lanewatch/pipeline';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier } from '../auth/ownership';
import type { Principal } from '../auth/principal';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure/tokens';
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
    const carrier = await this.dataSource.query(`SELECT 1 FROM carriers WHERE code = $1`, [parsed.value.carrier]);
    if (carrier.length === 0) throw new BadRequestException({ message: 'invalid shipment', errors: [`carrier '${parsed.value.carrier}' is not a registered carrier`] });
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
    assertOwnCarrier(principal, carrierCode);
    const leg = await findLeg(this.dataSource, carrierCode, trackingNumber);
    if (!leg) throw new NotFoundException(`no events or shipment for ${carrierCode} ${trackingNumber}`);
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
}

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
