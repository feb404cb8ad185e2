import { attributeHistory, dataQualityIssuesOfLegs, eventsOfLegs, findLeg, findShipment, legsOfShipment } from '@lanewatch/db';
import { parseShipmentRegistration } from '@lanewatch/domain';
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
    });
    return { created, view: await this.detail(parsed.value.carrier, parsed.value.trackingNumber) };
  }

  /** Any leg's number finds the whole journey; an unlinked leg is shown on its own. */
  async detail(carrierCode: string, trackingNumber: string) {
    const leg = await findLeg(this.dataSource, carrierCode, trackingNumber);
    if (!leg) throw new NotFoundException(`no events or shipment for ${carrierCode} ${trackingNumber}`);
    const shipment = leg.shipment_id ? await findShipment(this.dataSource, leg.shipment_id) : null;
    const legs = shipment ? await legsOfShipment(this.dataSource, shipment.id) : [leg];
    const legIds = legs.map((row) => row.id);
    const [events, history, issues] = await Promise.all([
      eventsOfLegs(this.dataSource, legIds),
      shipment ? attributeHistory(this.dataSource, shipment.id) : Promise.resolve([]),
      dataQualityIssuesOfLegs(this.dataSource, legIds),
    ]);
    return buildShipmentView({ shipment, legs, events, history, issues, asOf: this.clock.now() });
  }
}
