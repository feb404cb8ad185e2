import { findLeg, findLinkPin, legsByIds, LegRow } from '@lanewatch/db';
import { parseLinkPinRequest } from '@lanewatch/domain';
import { pinLink, unpinLink } from '@lanewatch/write-path';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Principal } from '../auth';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure';

@Injectable()
export class LegLinksService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private async leg(carrier: string, trackingNumber: string): Promise<LegRow> {
    const leg = await findLeg(this.dataSource, carrier, trackingNumber);
    if (!leg) throw new NotFoundException(`no leg ${carrier} ${trackingNumber}`);
    return leg;
  }

  async view(carrier: string, trackingNumber: string) {
    const leg = await this.leg(carrier, trackingNumber);
    const pin = await findLinkPin(this.dataSource, leg.id);
    const named = await legsByIds(this.dataSource, [leg.parent_leg_id, pin?.parent_leg_id].filter((id): id is string => typeof id === 'string'));
    const name = (id: string | null | undefined) => {
      const found = named.find((row) => row.id === id);
      return found ? { carrier: found.carrier_code, trackingNumber: found.tracking_number } : null;
    };
    return {
      leg: { carrier: leg.carrier_code, trackingNumber: leg.tracking_number },
      shipmentId: leg.shipment_id,
      follows: name(leg.parent_leg_id),
      linkedAt: leg.linked_at,
      pin: pin ? { parent: name(pin.parent_leg_id), pinnedAt: pin.pinned_at, pinnedBy: pin.pinned_by, note: pin.note } : null,
    };
  }

  async pin(principal: Principal, carrier: string, trackingNumber: string, body: unknown) {
    const parsed = parseLinkPinRequest(body);
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid link pin', errors: parsed.errors });
    const leg = await this.leg(carrier, trackingNumber);
    const parent = parsed.value.parent ? await findLeg(this.dataSource, parsed.value.parent.carrier, parsed.value.parent.trackingNumber) : null;
    if (parsed.value.parent && !parent) {
      throw new BadRequestException({ message: 'invalid link pin', errors: [`parent: no leg ${parsed.value.parent.carrier} ${parsed.value.parent.trackingNumber}`] });
    }
    if (parent && parent.id === leg.id) throw new BadRequestException({ message: 'invalid link pin', errors: ['parent: a leg cannot follow itself'] });
    await pinLink(this.dataSource, {
      legId: leg.id,
      parentLegId: parent?.id ?? null,
      pinnedAt: this.clock.now(),
      pinnedBy: principal.kind === 'admin' && principal.userId !== undefined ? `user:${principal.userId}` : 'admin-token',
      note: parsed.value.note,
    });
    return this.view(carrier, trackingNumber);
  }

  async unpin(carrier: string, trackingNumber: string) {
    const leg = await this.leg(carrier, trackingNumber);
    if (!(await unpinLink(this.dataSource, leg.id))) throw new NotFoundException(`leg ${carrier} ${trackingNumber} has no pin`);
    return this.view(carrier, trackingNumber);
  }
}
