import type { ReviewPack } from '@lanewatch/domain';
import PDFDocument from 'pdfkit';

const rate = (value: number | null, metric: string) => {
  if (value === null) return 'n/a';
  return /rate/.test(metric) ? `${(value * 100).toFixed(1)} %` : value.toFixed(2);
};

const VERDICT_WORDS: Record<string, string> = { complies: 'met', violates: 'missed', insufficient_data: 'too few parcels' };

/** The review pack as a printable A4 PDF (contracts.md §4): the same figures as the page and the CSV. */
export function reviewPackPdf(pack: ReviewPack): Promise<Buffer> {
  // Fixed metadata dates: the same pack prints the same bytes.
  const document = new PDFDocument({ size: 'A4', margin: 48, info: { Title: `${pack.carrier.name} review ${pack.month}`, CreationDate: new Date(pack.asOf), ModDate: new Date(pack.asOf) } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  const heading = (text: string) => document.moveDown(0.8).font('Helvetica-Bold').fontSize(13).text(text).font('Helvetica').fontSize(10).moveDown(0.3);
  const line = (text: string) => document.text(text);
  const none = (text: string) => document.fillColor('#555555').text(text).fillColor('#000000');

  document.font('Helvetica-Bold').fontSize(18).text(`Monthly review: ${pack.carrier.name} (${pack.carrier.code})`);
  document.font('Helvetica').fontSize(10).text(`Month ${pack.month}, compared with ${pack.previousMonth}. Period ${pack.from} to ${pack.to} (months in ${pack.timeZone}); figures as of ${pack.asOf}.`);

  heading('Totals');
  const { current, previous } = pack.totals;
  line(`Parcels: ${current.parcels} (previous month ${previous.parcels})`);
  line(`Delivered: ${current.delivered} (previous ${previous.delivered}); late: ${current.late} (previous ${previous.late})`);
  line(`Failed attempts: ${current.failedAttempts} (previous ${previous.failedAttempts}); exceptions: ${current.exceptions} (previous ${previous.exceptions})`);

  heading('Contract terms');
  if (pack.terms.length === 0) none('No contract terms (SLA policies) for this carrier.');
  for (const term of pack.terms) {
    const scope = [term.corridor, term.serviceLevel].filter(Boolean).join(' ');
    line(
      `${term.name}${scope ? ` (${scope})` : ''}: target ${term.metric} ${term.op} ${term.threshold}. ` +
        `This month ${rate(term.current.value, term.metric)} on ${term.current.sample}, ${VERDICT_WORDS[term.current.verdict] ?? term.current.verdict}; ` +
        `previous ${rate(term.previous.value, term.metric)} on ${term.previous.sample}, ${VERDICT_WORDS[term.previous.verdict] ?? term.previous.verdict}.`,
    );
  }

  heading('Breaches');
  if (pack.breaches.length === 0) none('No breach was active in the month.');
  for (const breach of pack.breaches) {
    line(`${breach.policyName} (${breach.severity}, ${breach.status}): opened ${breach.openedAt}${breach.resolvedAt ? `, resolved ${breach.resolvedAt}` : ', still active'}; lasted ${breach.lastedHours} h, ${breach.daysInMonth} days in the month.`);
  }

  heading('Consequences and statement');
  if (pack.statement) {
    const statement = pack.statement;
    line(`Statement ${statement.status}: ${statement.totalBeforeCap} ${statement.currency} before the cap, ${statement.totalAfterCap} ${statement.currency} after it.`);
    for (const item of statement.lines) line(`${item.term}: ${item.consequence} ${item.amount} ${statement.currency} (${item.arithmetic})`);
    heading('Disputes');
    if (statement.disputes.length === 0) none('No parcel was disputed.');
    for (const dispute of statement.disputes) line(`${dispute.trackingNumber}: ${dispute.reason}; ${dispute.status}${dispute.note ? ` (${dispute.note})` : ''}`);
  } else {
    none(pack.statementNote ?? 'No statement.');
  }

  heading('Lanes behind the misses');
  if (pack.lanes.length === 0) none('No parcels in the month.');
  for (const lane of pack.lanes) {
    line(`${lane.corridor ?? 'no lane'}: ${lane.misses} misses (previous ${lane.previousMisses}): ${lane.late} late, ${lane.failedAttempts} failed attempts, ${lane.exceptions} exceptions of ${lane.parcels} parcels.`);
  }

  heading('Reasons for late and failed deliveries');
  if (pack.reasons.length === 0) none('No late or failed deliveries.');
  for (const reason of pack.reasons) line(`${reason.kind === 'late' ? 'Late' : 'Failed attempt'}: ${reason.reason}: ${reason.count} (previous ${reason.previous})`);

  heading('Parcels that missed');
  if (pack.parcels.length === 0) none('None.');
  for (const parcel of pack.parcels) line(`${parcel.trackingNumber} ${parcel.corridor ?? ''}: ${parcel.miss}${parcel.reason ? `, ${parcel.reason}` : ''}`);

  document.end();
  return done;
}
