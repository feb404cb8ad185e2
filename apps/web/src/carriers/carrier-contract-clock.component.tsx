import { useCallback } from 'react';
import { useSession } from '../auth/session.context';
import { formatCount, formatRate } from '../shared/kpi-format.util';
import { useApiQuery } from '../shared/use-api-query.hook';
import { fetchCarrierContracts, fetchContractClock } from './carrier-api';
import { allowancesInWords, clockLabel, contractInForce, type ContractVersion, formatClockDays, hasOwnClock } from './contract-clock.util';

// The carrier's legs on its contract's own clock (contracts.md §1), beside the elapsed-time figures:
// shown only when the contract in force at the end of the range runs a clock of its own.
export function CarrierContractClock({ carrier, from, to }: { carrier: string; from: string; to: string }) {
  const { token, onUnauthorized } = useSession();
  const loadContracts = useCallback((signal: AbortSignal) => fetchCarrierContracts({ token, signal, carrier }), [token, carrier]);
  const contracts = useApiQuery({ requestKey: `contracts|${carrier}`, load: loadContracts, onUnauthorized }).data ?? [];
  const lastDay = new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
  const version = contractInForce(contracts, lastDay);
  if (version === null || !hasOwnClock(version)) return null;
  return <ContractClockFigures carrier={carrier} from={from} to={to} version={version} />;
}

function ContractClockFigures({ carrier, from, to, version }: { carrier: string; from: string; to: string; version: ContractVersion }) {
  const { token, onUnauthorized } = useSession();
  const contract = version.contract;
  const load = useCallback((signal: AbortSignal) => fetchContractClock({ token, signal, carrier, contract, from, to }), [token, carrier, contract, from, to]);
  const clock = useApiQuery({ requestKey: `clock|${carrier}|${contract}|${from}|${to}`, load, onUnauthorized });
  const unit = version.clock.days === 'business' ? 'business days' : 'days';
  const figures = clock.data ?? null;
  const within = figures?.withinAllowance ?? null;
  const allowances = allowancesInWords(version);
  return (
    <section className="panel" aria-labelledby="carrier-clock-heading" data-testid="contract-clock">
      <h2 id="carrier-clock-heading">Transit {clockLabel(version)}</h2>
      <p className="panel__note">
        Contract {contract} (in force from {version.effectiveFrom}; days are {version.clock.timeZone} local days). Legs that ended in the range.
      </p>
      {clock.error !== null ? (
        <p role="alert">Could not load the contract clock figures: {clock.error}</p>
      ) : (
        <ul className="tile-grid" aria-busy={clock.loading}>
          <li className="tile carrier-tile" data-kpi="clockCount">
            <span className="tile__label">Legs on the clock</span>
            <span className="tile__value">{figures === null ? formatCount(null) : formatCount(figures.count)}</span>
          </li>
          <li className="tile carrier-tile" data-kpi="clockMean">
            <span className="tile__label">Mean</span>
            <span className="tile__value">{formatClockDays(figures?.meanDays ?? null, unit)}</span>
          </li>
          <li className="tile carrier-tile" data-kpi="clockP90">
            <span className="tile__label">p90</span>
            <span className="tile__value">{formatClockDays(figures?.p90Days ?? null, unit)}</span>
          </li>
          <li className="tile carrier-tile" data-kpi="clockWithin">
            <span className="tile__label">Within allowance</span>
            <span className="tile__value">{formatRate(within?.rate ?? null)}</span>
            <span className="tile__hint">{within === null ? 'no lane with an allowance' : `${within.within} of ${within.legs} legs`}</span>
            {allowances !== '' ? <span className="tile__hint">Allowance: {allowances}</span> : null}
          </li>
        </ul>
      )}
    </section>
  );
}
