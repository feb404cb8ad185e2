import { MILESTONE_LABELS, milestoneLabel, reasonLabel } from './milestone-labels';
import { MILESTONES } from './milestones';

describe('milestone labels', () => {
  it('gives every canonical milestone words, none of them its internal name', () => {
    for (const milestone of MILESTONES) {
      expect(MILESTONE_LABELS[milestone]).toMatch(/^[A-Z][a-z]/);
      expect(MILESTONE_LABELS[milestone]).not.toContain('_');
    }
    expect(new Set(Object.values(MILESTONE_LABELS)).size).toBe(MILESTONES.length);
  });

  it('says a failed attempt in words', () => {
    expect(milestoneLabel('DELIVERY_FAILED')).toBe('Delivery attempt failed');
  });

  it('shows an unknown name as sent', () => {
    expect(milestoneLabel('TELEPORTED')).toBe('TELEPORTED');
    expect(milestoneLabel('toString')).toBe('toString');
  });

  it('puts reason codes in words', () => {
    expect(reasonLabel('RECIPIENT_ABSENT')).toBe('recipient absent');
  });
});
