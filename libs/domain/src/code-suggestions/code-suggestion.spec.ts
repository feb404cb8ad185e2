import { MESSAGE_KEYWORDS } from './message-keywords';
import { CodeSample, normaliseMessage, PeerText, suggestMilestone } from './code-suggestion';

const sample = (text: string, events: number, examples: string[] = [text]): CodeSample => ({ text, events, examples });
const peer = (text: string, milestone: string, events: number, carriers = ['carrier-a']): PeerText => ({ text, milestone, events, carriers });

describe('normaliseMessage', () => {
  it('folds case and accents, drops tracking numbers, digits and punctuation', () => {
    expect(normaliseMessage('Objeto ENTREGUE ao destinatário — LX123456789CN, 14:05!')).toBe('objeto entregue ao destinatario');
  });

  it('keeps letters of other scripts', () => {
    expect(normaliseMessage('Принято перевозчиком 12')).toBe('принято перевозчиком');
  });

  it('is idempotent', () => {
    const once = normaliseMessage('Arrived at USPS Facility (Zip 10001).');
    expect(normaliseMessage(once)).toBe(once);
  });
});

describe('suggestMilestone from other carriers', () => {
  it('suggests the milestone other carriers map the same text to, with the share agreeing', () => {
    const result = suggestMilestone({
      samples: [sample('Delivered, front door', 4, ['Delivered, front door', 'DELIVERED front door'])],
      peers: [peer('delivered front door', 'DELIVERED', 7, ['carrier-a', 'carrier-c']), peer('Delivered front door.', 'AVAILABLE_FOR_PICKUP', 1)],
    });
    expect(result.milestone).toBe('DELIVERED');
    expect(result.basis).toBe('other_carriers');
    expect(result.summary).toBe('7 of 8 events with the text "delivered front door" at other carriers are DELIVERED');
    expect(result.evidence).toMatchObject({ sampledEvents: 4, peerEvents: 8, agreeingEvents: 7 });
    expect(result.evidence.texts[0]).toMatchObject({
      text: 'delivered front door',
      examples: ['Delivered, front door', 'DELIVERED front door'],
      peers: { events: 8, agreeing: 7, carriers: ['carrier-a', 'carrier-c'] },
    });
    expect(result.confidence).toBeGreaterThan(0.4);
  });

  it('merges sample texts that differ only by tracking number or case', () => {
    const result = suggestMilestone({
      samples: [sample('Out for delivery LX1CN', 2), sample('OUT FOR DELIVERY LX2CN', 3)],
      peers: [peer('Out for delivery', 'OUT_FOR_DELIVERY', 5)],
    });
    expect(result.evidence.texts).toHaveLength(1);
    expect(result.evidence.texts[0].events).toBe(5);
    expect(result.milestone).toBe('OUT_FOR_DELIVERY');
  });

  it('weighs each text by how often the code carries it', () => {
    const result = suggestMilestone({
      samples: [sample('arrived at hub', 9), sample('processed', 1)],
      peers: [peer('arrived at hub', 'TRANSIT_HUB', 6), peer('processed', 'ORIGIN_FACILITY', 50)],
    });
    expect(result.milestone).toBe('TRANSIT_HUB');
    expect(result.summary).toBe('6 of 6 events with the text "arrived at hub" at other carriers are TRANSIT_HUB; 2 of the code\'s texts are shared');
  });

  it('gives no suggestion when other carriers split the text', () => {
    const result = suggestMilestone({
      samples: [sample('scanned', 10)],
      peers: [peer('scanned', 'ORIGIN_FACILITY', 5), peer('scanned', 'DESTINATION_FACILITY', 5)],
    });
    expect(result.milestone).toBeNull();
    expect(result.summary).toMatch(/^No suggestion: evidence too weak/);
    expect(result.evidence.peerEvents).toBe(10);
  });

  it('gives no suggestion on a single agreeing event', () => {
    expect(suggestMilestone({ samples: [sample('handed over', 3)], peers: [peer('handed over', 'HANDED_OVER', 1)] }).milestone).toBeNull();
  });

  it('gives no suggestion when the shared text covers only a small part of the code', () => {
    const result = suggestMilestone({
      samples: [sample('delivered', 1), sample('status update', 9)],
      peers: [peer('delivered', 'DELIVERED', 40)],
    });
    expect(result.milestone).toBeNull();
  });

  it('never suggests one milestone for the UNCLASSIFIED catch-all code', () => {
    const result = suggestMilestone({ code: 'UNCLASSIFIED', samples: [sample('delivered', 5)], peers: [peer('delivered', 'DELIVERED', 50)] });
    expect(result.milestone).toBeNull();
    expect(result.evidence.texts[0].events).toBe(5);
    expect(suggestMilestone({ code: 'DLV', samples: [sample('delivered', 5)], peers: [peer('delivered', 'DELIVERED', 50)] }).milestone).toBe('DELIVERED');
  });

  it('ignores peers whose milestone is not canonical', () => {
    const result = suggestMilestone({ samples: [sample('zzz', 3)], peers: [peer('zzz', 'NOT_A_MILESTONE', 30)] });
    expect(result.basis).toBeNull();
    expect(result.evidence.peerEvents).toBe(0);
  });
});

describe('suggestMilestone from keywords', () => {
  it('falls back to the message words when no other carrier shares the text', () => {
    const result = suggestMilestone({ samples: [sample('Objeto entregue ao destinatário', 3)], peers: [peer('something else', 'DELIVERED', 9)] });
    expect(result).toMatchObject({ milestone: 'DELIVERED', basis: 'keywords' });
    expect(result.evidence.texts[0].keyword?.phrase).toBe('entregue');
    expect(result.summary).toBe('3 of 3 sampled events say "entregue" (no other carrier shares these texts)');
  });

  it('prefers the longer phrase', () => {
    const result = suggestMilestone({ samples: [sample('Import customs clearance complete', 2)], peers: [] });
    expect(result.milestone).toBe('IMPORT_CUSTOMS_RELEASED');
  });

  it('does not read a negated phrase', () => {
    const result = suggestMilestone({ samples: [sample('Parcel could not be delivered', 4)], peers: [] });
    expect(result.milestone).toBeNull();
  });

  it('still reads a phrase followed by a negation', () => {
    expect(suggestMilestone({ samples: [sample('Delivery attempted, customer not available', 2)], peers: [] }).milestone).toBe('DELIVERY_FAILED');
  });

  it('gives no suggestion when the words name different milestones', () => {
    const result = suggestMilestone({ samples: [sample('Delivered', 2), sample('Out for delivery', 2)], peers: [] });
    expect(result.milestone).toBeNull();
    expect(result.summary).toContain('DELIVERED, OUT_FOR_DELIVERY');
  });

  it('does not guess from "customs" alone', () => {
    expect(suggestMilestone({ samples: [sample('Customs', 5)], peers: [] }).milestone).toBeNull();
  });

  it('gives no suggestion when most events say nothing known', () => {
    expect(suggestMilestone({ samples: [sample('Delivered', 1), sample('hub scan', 4)], peers: [] }).milestone).toBeNull();
  });

  it('gives no suggestion without message texts', () => {
    const result = suggestMilestone({ samples: [sample('  123 ', 4)], peers: [] });
    expect(result).toMatchObject({ milestone: null, summary: 'No suggestion: the sampled events carry no message text' });
  });

  it('names a source for every keyword and keeps phrases normalised', () => {
    for (const keyword of MESSAGE_KEYWORDS) {
      expect(keyword.source.length).toBeGreaterThan(10);
      expect(normaliseMessage(keyword.phrase)).toBe(keyword.phrase);
    }
  });
});
