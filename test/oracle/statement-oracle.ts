// An independent statement oracle (contracts.md §2): plain loops, integer money (BigInt), the time zone
// through Intl only. It shares no code with libs/domain/src/contracts, so a property test comparing the
// two catches a rule implemented wrongly in one place. It covers what the property specs generate:
// terms without "*" fan-out, metrics first_attempt_rate, on_time_rate, transit_mean_days,
// transit_p90_days, clock_mean_days and clock_within_rate.

export interface OracleLeg {
  legId: string;
  shipmentId: string;
  corridor: string | null;
  serviceLevel: string | null;
  legEndAt: string | null;
  legTransitDays: number | null;
  firstAttemptAt: string | null;
  firstAttemptDelivered: boolean | null;
  creditedDeliveredAt: string | null;
  onTime: boolean | null;
  clockDays: number | null;
  allowanceDays: number | null;
}

export interface OracleTerm {
  name: string;
  corridor: string | null;
  serviceLevel: string | null;
  metric: string;
  op: 'lte' | 'gte';
  threshold: number;
  minSample: number;
  consequence:
    | { kind: 'per_parcel'; amount: string; perExtraDay: string; maxPerParcel: string | null }
    | { kind: 'tiered'; tiers: { from: string; to: string | null; credit: string }[] }
    | { kind: 'per_breach_day'; amount: string }
    | null;
}

export interface OracleInput {
  month: string;
  asOf: string;
  contract: { timeZone: string; money: { currency: string; ratePerParcel: string | null; monthlyCap: { amount: string } | { share: string } | null } | null };
  terms: OracleTerm[];
  legs: OracleLeg[];
  breaches: { term: string; corridor: string | null; serviceLevel: string | null; openedAt: string; resolvedAt: string | null }[];
  enteredInvoice: string | null;
  acceptedDisputes: { id: string; shipmentId: string }[];
}

export interface OracleTermResult {
  term: string;
  sample: number;
  value: number | null;
  verdict: string;
  amount: string | null;
}

export interface OracleStatement {
  invoice: string | null;
  terms: OracleTermResult[];
  beforeCap: string;
  cap: string | null;
  afterCap: string;
}

// Money as BigInt in units of 1e-12.
const SCALE_DIGITS = 12;
const SCALE = 10n ** BigInt(SCALE_DIGITS);

function money(text: string): bigint {
  const [whole, fraction = ''] = text.split('.');
  return BigInt(whole) * SCALE + BigInt((fraction + '0'.repeat(SCALE_DIGITS)).slice(0, SCALE_DIGITS));
}

/** `value` (scaled by 10^scaleDigits) rounded half up to `places` decimals, as text. */
function roundText(value: bigint, scaleDigits: number, places: number): string {
  const unit = 10n ** BigInt(scaleDigits - places);
  let units = value / unit;
  if ((value % unit) * 2n >= unit) units += 1n;
  const text = units.toString().padStart(places + 1, '0');
  return places === 0 ? text : `${text.slice(0, text.length - places)}.${text.slice(text.length - places)}`;
}

const placesOf = (currency: string) => (['JPY', 'KRW', 'CLP', 'ISK', 'VND'].includes(currency) ? 0 : ['BHD', 'KWD', 'OMR', 'JOD', 'TND'].includes(currency) ? 3 : 2);

function localDate(instantMs: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date(instantMs));
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function oracleStatement(input: OracleInput): OracleStatement {
  const zone = input.contract.timeZone;
  const asOfMs = Date.parse(input.asOf);
  const places = placesOf(input.contract.money?.currency ?? 'EUR');
  const inMonth = (instant: string | null): boolean => {
    if (instant === null) return false;
    const ms = Date.parse(instant);
    return ms < asOfMs && localDate(ms, zone).slice(0, 7) === input.month;
  };
  const accepted: Record<string, boolean> = {};
  for (const dispute of input.acceptedDisputes) accepted[dispute.shipmentId] = true;

  let invoice: bigint | null = null;
  if (input.enteredInvoice !== null) invoice = money(input.enteredInvoice);
  else if (input.contract.money?.ratePerParcel) {
    let parcels = 0n;
    for (const leg of input.legs) if (inMonth(leg.legEndAt)) parcels += 1n;
    invoice = money(input.contract.money.ratePerParcel) * parcels;
  }
  // Rounded to the currency's places, as the statement shows it.
  const invoiceText = invoice === null ? null : roundText(invoice, SCALE_DIGITS, places);
  const invoiceShown = invoiceText === null ? null : money(invoiceText);

  const terms: OracleTermResult[] = [];
  let total = 0n;
  for (const term of input.terms) {
    const values: number[] = [];
    for (const leg of input.legs) {
      if (term.corridor !== null && leg.corridor !== term.corridor) continue;
      if (term.serviceLevel !== null && leg.serviceLevel !== term.serviceLevel) continue;
      if (accepted[leg.shipmentId]) continue;
      let instant: string | null = null;
      let value: number | null = null;
      if (term.metric === 'first_attempt_rate' && leg.firstAttemptDelivered !== null) {
        instant = leg.firstAttemptAt;
        value = leg.firstAttemptDelivered ? 1 : 0;
      } else if (term.metric === 'on_time_rate' && leg.onTime !== null) {
        instant = leg.creditedDeliveredAt;
        value = leg.onTime ? 1 : 0;
      } else if ((term.metric === 'transit_mean_days' || term.metric === 'transit_p90_days') && leg.legTransitDays !== null) {
        instant = leg.legEndAt;
        value = leg.legTransitDays;
      } else if (term.metric === 'clock_mean_days' && leg.clockDays !== null) {
        instant = leg.legEndAt;
        value = leg.clockDays;
      } else if (term.metric === 'clock_within_rate' && leg.clockDays !== null && leg.allowanceDays !== null) {
        instant = leg.legEndAt;
        value = leg.clockDays <= leg.allowanceDays ? 1 : 0;
      }
      if (value !== null && inMonth(instant)) values.push(value);
    }
    let value: number | null = null;
    if (values.length > 0) {
      if (term.metric === 'transit_p90_days') {
        const sorted = values.slice().sort((a, b) => a - b);
        const rank = 0.9 * (sorted.length - 1);
        const low = Math.floor(rank);
        const high = Math.ceil(rank);
        value = sorted[low] + (rank - low) * (sorted[high] - sorted[low]);
      } else {
        let sum = 0;
        for (const entry of values) sum += entry;
        value = sum / values.length;
      }
    }
    let verdict = 'insufficient_data';
    if (value !== null && values.length >= term.minSample) verdict = (term.op === 'lte' ? value > term.threshold : value < term.threshold) ? 'violates' : 'complies';

    let amount: bigint | null = null;
    const rule = term.consequence;
    if (rule !== null) {
      amount = 0n;
      if (values.length >= term.minSample) {
        if (rule.kind === 'per_parcel') {
          for (const leg of input.legs) {
            if (term.corridor !== null && leg.corridor !== term.corridor) continue;
            if (term.serviceLevel !== null && leg.serviceLevel !== term.serviceLevel) continue;
            if (accepted[leg.shipmentId] || !inMonth(leg.legEndAt) || leg.clockDays === null || leg.allowanceDays === null) continue;
            const excessMicro = Math.round((leg.clockDays - leg.allowanceDays) * 1e6);
            if (excessMicro <= 0) continue;
            const days = BigInt(Math.ceil(excessMicro / 1e6));
            let charge = money(rule.amount) + money(rule.perExtraDay) * days;
            if (rule.maxPerParcel !== null && charge > money(rule.maxPerParcel)) charge = money(rule.maxPerParcel);
            amount += charge;
          }
        } else if (rule.kind === 'tiered') {
          for (const tier of rule.tiers) {
            if (value !== null && invoiceShown !== null && value >= Number(tier.from) && (tier.to === null || value < Number(tier.to))) {
              amount = (money(tier.credit) * invoiceShown) / SCALE;
            }
          }
        } else {
          const days: Record<string, boolean> = {};
          for (const breach of input.breaches) {
            if (breach.term !== term.name) continue;
            const end = breach.resolvedAt === null ? asOfMs : Math.min(Date.parse(breach.resolvedAt), asOfMs);
            // Local days change only on quarter hours of UTC: checking the start and every quarter hour after it is enough.
            const quarter = 15 * 60 * 1000;
            const start = Date.parse(breach.openedAt);
            for (let t = start; t < end; t = t === start ? Math.floor(start / quarter) * quarter + quarter : t + quarter) {
              const day = localDate(t, zone);
              if (day.slice(0, 7) === input.month) days[day] = true;
            }
          }
          amount = money(rule.amount) * BigInt(Object.keys(days).length);
        }
      }
      amount = money(roundText(amount, SCALE_DIGITS, places));
      total += amount;
    }
    terms.push({ term: term.name, sample: values.length, value, verdict, amount: amount === null ? null : roundText(amount, SCALE_DIGITS, places) });
  }

  const monthlyCap = input.contract.money?.monthlyCap ?? null;
  let cap: bigint | null = null;
  if (monthlyCap !== null && 'amount' in monthlyCap) cap = money(monthlyCap.amount);
  else if (monthlyCap !== null && invoiceShown !== null) cap = money(roundText((money(monthlyCap.share) * invoiceShown) / SCALE, SCALE_DIGITS, places));
  const after = cap !== null && cap < total ? cap : total;
  return {
    invoice: invoiceText,
    terms,
    beforeCap: roundText(total, SCALE_DIGITS, places),
    cap: cap === null ? null : roundText(cap, SCALE_DIGITS, places),
    afterCap: roundText(after, SCALE_DIGITS, places),
  };
}
