import { Decimal } from 'decimal.js';
import { currencyDecimals, PerParcelConsequence, TieredConsequence } from './consequence.schema';
import { localDaysTouched, statementMonthBounds } from './statement-period.util';
import type {
  Statement,
  StatementConsequence,
  StatementInputs,
  StatementLegInput,
  StatementParcel,
  StatementTerm,
  StatementTermInput,
  StatementVerdict,
} from './statement.types';
import { compareIds, CountedLeg, isRateTermMetric, isSettledMetric, legsCountedIn, termValue } from './term-measure.util';

// A month's statement from its inputs (contracts.md §2-3). Pure: same inputs, same statement, in the
// same order. Money is decimal.js throughout; each term's amount is rounded half up to the currency's
// minor unit, and the arithmetic says so.

const WILDCARD = '*';
// clockDays are measured to the millisecond; the excess is taken to 1e-6 days (0.09 s) before it is
// rounded up to whole days, so float noise such as 2.0000000000004 never becomes a third day.
const EXCESS_PLACES = 6;

const show = (value: number) => new Decimal(value).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString();

export function journeyLink(carrier: string, trackingNumber: string): string {
  return `/shipments?carrier=${encodeURIComponent(carrier)}&tracking=${encodeURIComponent(trackingNumber)}`;
}

/** The charge of one parcel under a per_parcel term, or null when it is within the allowance. */
export function perParcelCharge(consequence: PerParcelConsequence, clockDays: number, allowanceDays: number): { amount: Decimal; arithmetic: string } | null {
  const excess = new Decimal(clockDays).minus(allowanceDays).toDecimalPlaces(EXCESS_PLACES, Decimal.ROUND_HALF_UP);
  if (excess.lte(0)) return null;
  const extraDays = excess.ceil();
  const raw = new Decimal(consequence.amount).plus(new Decimal(consequence.perExtraDay).times(extraDays));
  const capped = consequence.maxPerParcel !== null && raw.gt(consequence.maxPerParcel);
  const amount = capped ? new Decimal(consequence.maxPerParcel as string) : raw;
  const arithmetic =
    `clockDays ${show(clockDays)} − allowance ${show(allowanceDays)} = ${excess.toString()} days over, ⌈${excess.toString()}⌉ = ${extraDays.toString()}; ` +
    `${consequence.amount} + ${consequence.perExtraDay} × ${extraDays.toString()} = ${raw.toString()}` +
    (capped ? `, capped at maxPerParcel ${consequence.maxPerParcel}` : '');
  return { amount, arithmetic };
}

/** The tier holding `value`: from ≤ value < to (to null: no upper bound); null when none does. */
export function selectTier(consequence: TieredConsequence, value: number) {
  const exact = new Decimal(String(value));
  return consequence.tiers.find((tier) => exact.gte(tier.from) && (tier.to === null || exact.lt(tier.to))) ?? null;
}

function parcelOf(carrier: string, counted: CountedLeg, miss: boolean): StatementParcel {
  const { leg } = counted;
  return {
    legId: leg.legId,
    shipmentId: leg.shipmentId,
    trackingNumber: leg.trackingNumber,
    journey: journeyLink(carrier, leg.trackingNumber),
    countedAt: counted.countedAt,
    value: counted.value,
    miss,
  };
}

function parcelMisses(term: StatementTermInput, counted: CountedLeg): boolean {
  if (isRateTermMetric(term.metric)) return counted.value === 0;
  return term.op === 'lte' ? counted.value > term.threshold : counted.value < term.threshold;
}

interface TermInstance {
  corridor: string | null;
  serviceLevel: string | null;
  legs: StatementLegInput[];
}

// A "*" field is settled once per value seen among the month's legs (sorted), as the evaluator fans out.
function instancesOf(term: StatementTermInput, legs: readonly StatementLegInput[]): TermInstance[] {
  const matches = (wanted: string | null, actual: string | null) => wanted === null || wanted === WILDCARD || wanted === actual;
  const inScope = legs.filter((leg) => matches(term.corridor, leg.corridor) && matches(term.serviceLevel, leg.serviceLevel));
  if (term.corridor !== WILDCARD && term.serviceLevel !== WILDCARD) return [{ corridor: term.corridor, serviceLevel: term.serviceLevel, legs: inScope }];
  const groups = new Map<string, TermInstance>();
  for (const leg of inScope) {
    const corridor = term.corridor === WILDCARD ? leg.corridor : term.corridor;
    const serviceLevel = term.serviceLevel === WILDCARD ? leg.serviceLevel : term.serviceLevel;
    const key = JSON.stringify([corridor, serviceLevel]);
    const group = groups.get(key) ?? { corridor, serviceLevel, legs: [] };
    group.legs.push(leg);
    groups.set(key, group);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, group]) => group);
}

interface Context {
  inputs: StatementInputs;
  fromMs: number;
  endMs: number;
  decimals: number;
  invoice: Decimal | null;
  accepted: Map<string, string>;
}

function rounded(context: Context, kind: StatementConsequence['kind'], raw: Decimal, arithmetic: string[], note: string | null = null): StatementConsequence {
  const amount = raw.toDecimalPlaces(context.decimals, Decimal.ROUND_HALF_UP);
  if (!amount.eq(raw)) arithmetic.push(`${raw.toString()} rounded half up to ${amount.toFixed(context.decimals)}`);
  return { kind, amount: amount.toFixed(context.decimals), arithmetic, note };
}

function settleTerm(context: Context, term: StatementTermInput, instance: TermInstance): StatementTerm {
  const { inputs, fromMs, endMs } = context;
  const counted = legsCountedIn(term.metric, instance.legs, fromMs, endMs);
  const kept = counted.filter((entry) => !context.accepted.has(entry.leg.shipmentId));
  const excluded = counted.filter((entry) => context.accepted.has(entry.leg.shipmentId));
  const sample = kept.length;
  const settled = isSettledMetric(term.metric);
  const value = termValue(
    term.metric,
    kept.map((entry) => entry.value),
  );
  let verdict: StatementVerdict;
  if (!settled) verdict = 'not_settled';
  else if (value === null || sample < term.minSample) verdict = 'insufficient_data';
  else verdict = (term.op === 'lte' ? value > term.threshold : value < term.threshold) ? 'violates' : 'complies';

  const parcels = kept.map((entry) => parcelOf(inputs.carrier, entry, parcelMisses(term, entry)));
  const excludedParcels = excluded.map((entry) => ({ ...parcelOf(inputs.carrier, entry, parcelMisses(term, entry)), disputeId: context.accepted.get(entry.leg.shipmentId) as string }));
  let breachDays: string[] = [];
  let consequence: StatementConsequence | null = null;
  const rule = term.consequence;
  if (rule !== null) {
    const zero = new Decimal(0);
    if (!settled) {
      consequence = rounded(context, rule.kind, zero, [], `${term.metric} measures a feed, not parcels: no statement settles it`);
    } else if (sample < term.minSample) {
      consequence = rounded(context, rule.kind, zero, [`sample ${sample} < minSample ${term.minSample}`], `only ${sample} parcels, fewer than minSample ${term.minSample}: no consequence`);
    } else if (rule.kind === 'per_parcel') {
      // Every leg that ended in the month over the lane's allowance, whatever the term's own metric.
      const ended = legsCountedIn('clock_mean_days', instance.legs, fromMs, endMs);
      const byLeg = new Map(parcels.map((parcel) => [parcel.legId, parcel]));
      let total = zero;
      let charged = 0;
      for (const entry of ended) {
        const { leg } = entry;
        if (leg.allowanceDays === null || leg.clockDays === null) continue;
        const charge = perParcelCharge(rule, leg.clockDays, leg.allowanceDays);
        if (charge === null) continue;
        const disputeId = context.accepted.get(leg.shipmentId);
        if (disputeId !== undefined) {
          const shown = excludedParcels.find((parcel) => parcel.legId === leg.legId);
          const annotated = { amount: '0', arithmetic: `${charge.arithmetic}; not charged: dispute ${disputeId} accepted` };
          if (shown) Object.assign(shown, annotated);
          else excludedParcels.push({ ...parcelOf(inputs.carrier, entry, true), ...annotated, disputeId });
          continue;
        }
        const parcel = byLeg.get(leg.legId) ?? parcelOf(inputs.carrier, entry, true);
        if (!byLeg.has(leg.legId)) {
          byLeg.set(leg.legId, parcel);
          parcels.push(parcel);
        }
        Object.assign(parcel, { amount: charge.amount.toString(), arithmetic: charge.arithmetic, miss: true });
        total = total.plus(charge.amount);
        charged += 1;
      }
      parcels.sort((a, b) => (a.countedAt < b.countedAt ? -1 : a.countedAt > b.countedAt ? 1 : compareIds(a.legId, b.legId)));
      consequence = rounded(context, rule.kind, total, [`${charged} parcels over the allowance; the sum of their charges (each shown on its parcel) = ${total.toString()}`]);
    } else if (rule.kind === 'tiered') {
      const tier = value === null ? null : selectTier(rule, value);
      const tierText = tier ? `[${tier.from}, ${tier.to ?? '∞'})` : '';
      if (tier === null) consequence = rounded(context, rule.kind, zero, [`value ${show(value ?? 0)} is in no tier: no credit`]);
      else if (context.invoice === null) {
        consequence = rounded(context, rule.kind, zero, [`value ${show(value ?? 0)} selects tier ${tierText}, credit ${tier.credit}`], 'no invoiced amount for the month: the credit cannot be computed until one is entered');
      } else {
        const credit = new Decimal(tier.credit).times(context.invoice);
        consequence = rounded(context, rule.kind, credit, [`value ${show(value ?? 0)} selects tier ${tierText}: credit ${tier.credit} × invoiced ${context.invoice.toFixed(context.decimals)} = ${credit.toString()}`]);
      }
    } else {
      const intervals = inputs.breaches
        .filter((breach) => breach.term === term.name && (instance.corridor === null || breach.corridor === instance.corridor) && (instance.serviceLevel === null || breach.serviceLevel === instance.serviceLevel))
        .map((breach) => ({ startMs: Date.parse(breach.openedAt), endMs: breach.resolvedAt === null ? endMs : Date.parse(breach.resolvedAt) }));
      breachDays = localDaysTouched({ timeZone: inputs.contract.timeZone, fromMs, toMs: endMs, intervals });
      const total = new Decimal(rule.amount).times(breachDays.length);
      consequence = rounded(context, rule.kind, total, [`${breachDays.length} days with an active breach × ${rule.amount} = ${total.toString()}`]);
    }
  }
  return {
    term: term.name,
    corridor: instance.corridor,
    serviceLevel: instance.serviceLevel,
    metric: term.metric,
    op: term.op,
    threshold: term.threshold,
    minSample: term.minSample,
    value,
    sample,
    verdict,
    consequence,
    parcels,
    excludedParcels,
    breachDays,
  };
}

/** The statement of one carrier and month from everything it depends on (contracts.md §2-3). */
export function computeStatementFromInputs(inputs: StatementInputs): Statement {
  const { fromMs, toMs } = statementMonthBounds(inputs.month, inputs.contract.timeZone);
  const asOfMs = Date.parse(inputs.asOf);
  const endMs = Math.max(fromMs, Math.min(toMs, asOfMs));
  const money = inputs.contract.money;
  const decimals = currencyDecimals(money?.currency ?? 'EUR');
  const accepted = new Map(inputs.acceptedDisputes.map((dispute) => [dispute.shipmentId, dispute.id]));

  let invoice: Statement['invoice'];
  if (inputs.enteredInvoice !== null) {
    invoice = { amount: new Decimal(inputs.enteredInvoice).toFixed(decimals), source: 'entered', arithmetic: `entered: ${new Decimal(inputs.enteredInvoice).toFixed(decimals)}` };
  } else if (money?.ratePerParcel) {
    // Every parcel whose leg ended (delivered or handed over) in the month is invoiced, disputed or not.
    const parcels = inputs.legs.filter((leg) => leg.legEndAt !== null && Date.parse(leg.legEndAt) >= fromMs && Date.parse(leg.legEndAt) < endMs).length;
    const amount = new Decimal(money.ratePerParcel).times(parcels).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
    invoice = { amount: amount.toFixed(decimals), source: 'derived', arithmetic: `${parcels} parcels × ratePerParcel ${money.ratePerParcel} = ${amount.toFixed(decimals)}` };
  } else {
    invoice = { amount: null, source: 'none', arithmetic: 'no invoiced amount entered and no ratePerParcel in the contract' };
  }
  const context: Context = { inputs, fromMs, endMs, decimals, invoice: invoice.amount === null ? null : new Decimal(invoice.amount), accepted };
  const terms = inputs.terms.flatMap((term) => instancesOf(term, inputs.legs).map((instance) => settleTerm(context, term, instance)));

  const amounts = terms.flatMap((term) => (term.consequence ? [new Decimal(term.consequence.amount)] : []));
  const beforeCap = amounts.reduce((sum, amount) => sum.plus(amount), new Decimal(0));
  const arithmetic = [`before cap: ${amounts.length > 0 ? amounts.map((amount) => amount.toFixed(decimals)).join(' + ') : '0'} = ${beforeCap.toFixed(decimals)}`];
  let cap: Decimal | null = null;
  const monthlyCap = money?.monthlyCap ?? null;
  if (monthlyCap !== null && 'amount' in monthlyCap) {
    cap = new Decimal(monthlyCap.amount);
    arithmetic.push(`monthly cap: ${cap.toFixed(decimals)}`);
  } else if (monthlyCap !== null && context.invoice !== null) {
    cap = new Decimal(monthlyCap.share).times(context.invoice).toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
    arithmetic.push(`monthly cap: ${monthlyCap.share} × invoiced ${context.invoice.toFixed(decimals)} = ${cap.toFixed(decimals)}`);
  } else if (monthlyCap !== null) {
    arithmetic.push(`monthly cap of ${monthlyCap.share} of the invoice not applied: no invoiced amount for the month`);
  } else {
    arithmetic.push('no monthly cap');
  }
  const afterCap = cap !== null && cap.lt(beforeCap) ? cap : beforeCap;
  if (cap !== null) arithmetic.push(`after cap: min(${beforeCap.toFixed(decimals)}, ${cap.toFixed(decimals)}) = ${afterCap.toFixed(decimals)}`);

  return {
    carrier: inputs.carrier,
    month: inputs.month,
    asOf: new Date(asOfMs).toISOString(),
    currency: money?.currency ?? null,
    contract: { name: inputs.contract.name, effectiveFrom: inputs.contract.effectiveFrom, timeZone: inputs.contract.timeZone },
    period: { from: new Date(fromMs).toISOString(), to: new Date(endMs).toISOString(), complete: asOfMs >= toMs },
    invoice,
    terms,
    totals: { beforeCap: beforeCap.toFixed(decimals), cap: cap === null ? null : cap.toFixed(decimals), afterCap: afterCap.toFixed(decimals), arithmetic },
  };
}
