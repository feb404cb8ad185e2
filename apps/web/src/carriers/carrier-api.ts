import type { ClockKpi } from '@lanewatch/domain';
import { type RequestOptions, sendJson, withQuery } from '../api/api-client';
import { type Breach, parseBreaches } from '../api/sla-types';
import { type CarrierScorecardResponse, parseCarrierScorecardResponse } from './carrier-scorecard-types';
import { type ContractVersion, parseCarrierContracts, parseClockRow } from './contract-clock.util';
import { type KpiDistribution, parseKpiDistribution } from './kpi-distribution.util';

type CarrierWindow = RequestOptions & { carrier: string; from: string; to: string };

export function fetchCarrierScorecard({ carrier, from, to, ...options }: CarrierWindow): Promise<CarrierScorecardResponse> {
  const path = withQuery(`/carriers/${encodeURIComponent(carrier)}/scorecard`, { from, to });
  return sendJson({ ...options, method: 'GET', path, parse: parseCarrierScorecardResponse, acceptedStatuses: [200] });
}

export function fetchCarrierBreaches({ carrier, ...options }: RequestOptions & { carrier: string }): Promise<Breach[]> {
  return sendJson({ ...options, method: 'GET', path: `/carriers/${encodeURIComponent(carrier)}/breaches`, parse: parseBreaches });
}

type DistributionOptions = CarrierWindow & { metric: 'customsHold' | 'transit' };

// The carrier's own legs (a carrier filter reads leg facts, like its scorecard row).
export function fetchCarrierDistribution({ carrier, from, to, metric, ...options }: DistributionOptions): Promise<KpiDistribution> {
  const path = withQuery('/kpis/distribution', { metric, from, to, carrier });
  return sendJson({ ...options, method: 'GET', path, parse: parseKpiDistribution, acceptedStatuses: [200] });
}

export function fetchCarrierContracts({ carrier, ...options }: RequestOptions & { carrier: string }): Promise<ContractVersion[]> {
  return sendJson({ ...options, method: 'GET', path: `/carriers/${encodeURIComponent(carrier)}/contracts`, parse: parseCarrierContracts });
}

// The carrier's legs on its contract's clock (contracts.md §1): the clock family of /kpis?contract=.
export function fetchContractClock({ carrier, contract, from, to, ...options }: CarrierWindow & { contract: string }): Promise<ClockKpi | null> {
  const path = withQuery('/kpis', { from, to, carrier, contract });
  return sendJson({ ...options, method: 'GET', path, parse: parseClockRow, acceptedStatuses: [200] });
}
