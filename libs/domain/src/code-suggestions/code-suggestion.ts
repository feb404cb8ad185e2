import { isMilestone, Milestone } from '../milestones';
import { wilsonInterval } from '../statistics';
import { MESSAGE_KEYWORDS, MessageKeyword, NEGATION_WORDS } from './message-keywords';

/**
 * A message reduced to what it says: lower case, tracking numbers and any other letter-digit
 * run dropped, accents folded, punctuation removed, spaces collapsed. The first two steps run
 * before accent folding so that SQL can apply them (lower + the same regex) to group texts.
 */
export function normaliseMessage(text: string): string {
  return text
    .toLowerCase()
    .replace(/[a-z0-9]*[0-9][a-z0-9]*/g, ' ')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^\p{L}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** One text of the unmapped code's sampled events; `examples` are raw messages as received. */
export type CodeSample = { text: string; events: number; examples: readonly string[] };

/** Mapped events at other carriers with this text, per milestone. */
export type PeerText = { text: string; milestone: string; events: number; carriers: readonly string[] };

export type SuggestionText = {
  text: string;
  events: number;
  examples: string[];
  peers: { events: number; agreeing: number; carriers: string[] } | null;
  keyword: MessageKeyword | null;
};

export type CodeSuggestion = {
  milestone: Milestone | null;
  basis: 'other_carriers' | 'keywords' | null;
  // 0..1: per shared text the lower Wilson bound of the share agreeing, averaged over all sampled events.
  confidence: number;
  summary: string;
  evidence: {
    sampledEvents: number;
    // Mapped events at other carriers with the code's texts, and how many of them are `milestone`.
    peerEvents: number;
    agreeingEvents: number;
    texts: SuggestionText[];
  };
};

// 3 of 3 agreeing events (lower bound 0.44) suffice; 2 of 2 (0.34) do not. Keywords need half the sampled events.
export const MIN_CONFIDENCE = { otherCarriers: 0.4, keywords: 0.3 } as const;
const KEYWORD_CONFIDENCE = 0.6;

type Input = { code?: string; samples: readonly CodeSample[]; peers: readonly PeerText[]; keywords?: readonly MessageKeyword[] };

// formats.md: scans with no usable code are stored as UNCLASSIFIED; one milestone for all of them would be wrong.
export const CATCH_ALL_CODES: ReadonlySet<string> = new Set(['UNCLASSIFIED']);

/**
 * Proposes a milestone for an unmapped code: first from how other carriers' mapped events with
 * the same texts are mapped, else from unambiguous words in the texts. Weak or split evidence
 * gives `milestone: null` with the evidence and the reason, never a silent guess.
 */
export function suggestMilestone({ code, samples, peers, keywords = MESSAGE_KEYWORDS }: Input): CodeSuggestion {
  const texts = mergeSamples(samples);
  const sampledEvents = texts.reduce((sum, text) => sum + text.events, 0);
  if (code !== undefined && CATCH_ALL_CODES.has(code)) {
    const evidenceTexts = texts.map((text) => ({ ...text, peers: null, keyword: null }));
    const summary = `No suggestion: ${code} collects scans that carried no code, so no single milestone fits them all`;
    return { milestone: null, basis: null, confidence: 0, summary, evidence: { sampledEvents, peerEvents: 0, agreeingEvents: 0, texts: evidenceTexts } };
  }
  const peerByText = groupPeers(peers);
  const matched = texts.filter((text) => peerByText.has(text.text));
  if (matched.length > 0) return fromPeers({ texts, matched, peerByText, sampledEvents });
  return fromKeywords({ texts, sampledEvents, keywords });
}

type Merged = { text: string; events: number; examples: string[] };

function mergeSamples(samples: readonly CodeSample[]): Merged[] {
  const byText = new Map<string, Merged>();
  for (const sample of samples) {
    const text = normaliseMessage(sample.text);
    if (text === '' || sample.events <= 0) continue;
    const entry = byText.get(text) ?? { text, events: 0, examples: [] };
    entry.events += sample.events;
    for (const example of sample.examples) if (entry.examples.length < 3 && !entry.examples.includes(example)) entry.examples.push(example);
    byText.set(text, entry);
  }
  return [...byText.values()].sort((a, b) => b.events - a.events || a.text.localeCompare(b.text));
}

type PeerCounts = { total: number; byMilestone: Map<Milestone, number>; carriers: Set<string> };

function groupPeers(peers: readonly PeerText[]): Map<string, PeerCounts> {
  const byText = new Map<string, PeerCounts>();
  for (const peer of peers) {
    const text = normaliseMessage(peer.text);
    if (text === '' || peer.events <= 0 || !isMilestone(peer.milestone)) continue;
    const entry = byText.get(text) ?? { total: 0, byMilestone: new Map(), carriers: new Set() };
    entry.total += peer.events;
    entry.byMilestone.set(peer.milestone, (entry.byMilestone.get(peer.milestone) ?? 0) + peer.events);
    for (const carrier of peer.carriers) entry.carriers.add(carrier);
    byText.set(text, entry);
  }
  return byText;
}

function fromPeers(args: { texts: Merged[]; matched: Merged[]; peerByText: Map<string, PeerCounts>; sampledEvents: number }): CodeSuggestion {
  const { texts, matched, peerByText, sampledEvents } = args;
  // Each matched text votes with its own events, split as the other carriers split that text.
  const votes = new Map<Milestone, number>();
  for (const text of matched) {
    const counts = peerByText.get(text.text) as PeerCounts;
    for (const [milestone, events] of counts.byMilestone) votes.set(milestone, (votes.get(milestone) ?? 0) + (text.events * events) / counts.total);
  }
  const [best] = [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const milestone = best[0];
  const peerEvents = matched.reduce((sum, text) => sum + (peerByText.get(text.text) as PeerCounts).total, 0);
  const agreeingEvents = matched.reduce((sum, text) => sum + ((peerByText.get(text.text) as PeerCounts).byMilestone.get(milestone) ?? 0), 0);
  const coveredEvents = matched.reduce((sum, text) => sum + text.events, 0);
  // Per text, the lower Wilson bound of the share agreeing (few peer events count for less), weighted by the code's own events.
  const support = (text: Merged) => {
    const counts = peerByText.get(text.text) as PeerCounts;
    return text.events * lowerBound(counts.byMilestone.get(milestone) ?? 0, counts.total);
  };
  const confidence = round(matched.reduce((sum, text) => sum + support(text), 0) / sampledEvents);
  const evidenceTexts = texts.map((text) => {
    const counts = peerByText.get(text.text);
    return {
      ...text,
      peers: counts ? { events: counts.total, agreeing: counts.byMilestone.get(milestone) ?? 0, carriers: [...counts.carriers].sort() } : null,
      keyword: null,
    };
  });
  const evidence = { sampledEvents, peerEvents, agreeingEvents, texts: evidenceTexts };
  const strongest = [...matched].sort((a, b) => support(b) - support(a))[0];
  const strongestPeers = peerByText.get(strongest.text) as PeerCounts;
  const others = matched.length > 1 ? `; ${matched.length} of the code's texts are shared` : '';
  const share = `${strongestPeers.byMilestone.get(milestone) ?? 0} of ${strongestPeers.total} events with the text "${strongest.text}" at other carriers are ${milestone}${others}`;
  if (confidence < MIN_CONFIDENCE.otherCarriers) {
    return { milestone: null, basis: null, confidence, summary: `No suggestion: evidence too weak (${share}; ${coveredEvents} of ${sampledEvents} sampled events share a text)`, evidence };
  }
  return { milestone, basis: 'other_carriers', confidence, summary: share, evidence };
}

function fromKeywords(args: { texts: Merged[]; sampledEvents: number; keywords: readonly MessageKeyword[] }): CodeSuggestion {
  const { texts, sampledEvents, keywords } = args;
  const evidenceTexts = texts.map((text) => ({ ...text, peers: null, keyword: matchKeyword(text.text, keywords) }));
  const evidence = { sampledEvents, peerEvents: 0, agreeingEvents: 0, texts: evidenceTexts };
  const none = (reason: string): CodeSuggestion => ({ milestone: null, basis: null, confidence: 0, summary: `No suggestion: ${reason}`, evidence });
  if (sampledEvents === 0) return none('the sampled events carry no message text');
  const votes = new Map<Milestone, number>();
  for (const text of evidenceTexts) if (text.keyword) votes.set(text.keyword.milestone, (votes.get(text.keyword.milestone) ?? 0) + text.events);
  if (votes.size === 0) return none('no other carrier shares these texts and no known words name a milestone');
  if (votes.size > 1) return none(`the texts' words name different milestones (${[...votes.keys()].sort().join(', ')})`);
  const [[milestone, events]] = [...votes.entries()];
  const confidence = round(KEYWORD_CONFIDENCE * (events / sampledEvents));
  const phrases = [...new Set(evidenceTexts.flatMap((text) => (text.keyword ? [`"${text.keyword.phrase}"`] : [])))].join(', ');
  if (confidence < MIN_CONFIDENCE.keywords) {
    return { ...none(`only ${events} of ${sampledEvents} sampled events say ${phrases}`), confidence };
  }
  return { milestone, basis: 'keywords', confidence, summary: `${events} of ${sampledEvents} sampled events say ${phrases} (no other carrier shares these texts)`, evidence };
}

function matchKeyword(text: string, keywords: readonly MessageKeyword[]): MessageKeyword | null {
  const padded = ` ${text} `;
  const hits = keywords.filter((keyword) => {
    const at = padded.indexOf(` ${keyword.phrase} `);
    // "could not be delivered" must not read as delivered; "delivery attempted, customer not home" still says attempted.
    return at >= 0 && !padded.slice(0, at).split(' ').some((word) => NEGATION_WORDS.has(word));
  });
  if (hits.length === 0) return null;
  // The longest phrase is the most specific; a tie between milestones is no match.
  const longest = Math.max(...hits.map((hit) => hit.phrase.length));
  const best = hits.filter((hit) => hit.phrase.length === longest);
  return new Set(best.map((hit) => hit.milestone)).size === 1 ? best[0] : null;
}

function lowerBound(successes: number, trials: number): number {
  return wilsonInterval(successes, trials)?.lower ?? 0;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
