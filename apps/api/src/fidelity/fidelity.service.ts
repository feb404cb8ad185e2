import { findCarrierByCode, listCarriers } from '@lanewatch/db';
import { fidelityAnswer, FidelityAnswer, FidelityFigures, FidelityParams, parseFidelityQuery } from '@lanewatch/domain';
import { readFidelity } from '@lanewatch/read-model';
import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { assertOwnCarrier, type Principal } from '../auth';
import { CLOCK, Clock, DATA_SOURCE } from '../infrastructure';

export interface CarrierFidelityRow {
  carrier: string;
  name: string;
  totals: FidelityFigures;
  buckets: FidelityAnswer['buckets'];
}

export interface IngestFidelityAnswer {
  from: string;
  to: string;
  bucket: FidelityParams['bucket'];
  carriers: CarrierFidelityRow[];
}

@Injectable()
export class FidelityService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** One carrier's mapping fidelity per bucket; a carrier key reads only its own. */
  async ofCarrier(principal: Principal, code: string, query: Record<string, unknown>): Promise<FidelityAnswer> {
    assertOwnCarrier(principal, code);
    const params = this.params(query);
    const carrier = await findCarrierByCode(this.dataSource, code);
    if (!carrier) throw new NotFoundException(`no carrier '${code}'`);
    const counts = await readFidelity(this.dataSource, { params, carrierId: carrier.id });
    return fidelityAnswer({ carrier: carrier.code, params, counts: counts.get(carrier.id) ?? new Map() });
  }

  /** Every registered carrier's fidelity for the ingest health page (a carrier key: its own row only). */
  async perCarrier(principal: Principal, query: Record<string, unknown>): Promise<IngestFidelityAnswer> {
    const params = this.params(query);
    const carrierId = principal.kind === 'carrier' ? principal.carrierId : null;
    const [carriers, counts] = await Promise.all([listCarriers(this.dataSource), readFidelity(this.dataSource, { params, carrierId })]);
    const rows = carriers
      .filter((carrier) => carrierId === null || Number(carrier.id) === carrierId)
      .map((carrier): CarrierFidelityRow => {
        const answer = fidelityAnswer({ carrier: carrier.code, params, counts: counts.get(Number(carrier.id)) ?? new Map() });
        return { carrier: carrier.code, name: carrier.name, totals: answer.totals, buckets: answer.buckets };
      })
      .sort((a, b) => a.carrier.localeCompare(b.carrier));
    return { from: new Date(params.fromMs).toISOString(), to: new Date(params.toMs).toISOString(), bucket: params.bucket, carriers: rows };
  }

  private params(query: Record<string, unknown>): FidelityParams {
    const parsed = parseFidelityQuery(query, this.clock.now());
    if (!parsed.ok) throw new BadRequestException({ message: 'invalid fidelity query', errors: parsed.errors });
    return parsed.value;
  }
}
