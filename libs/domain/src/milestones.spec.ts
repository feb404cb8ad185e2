import { MILESTONES, milestonesBetween } from './milestones';

describe('milestonesBetween', () => {
  it('gives the milestones from the first to the last, both included, in journey order', () => {
    expect(milestonesBetween('DEPARTED_ORIGIN', 'IMPORT_CUSTOMS_STARTED')).toEqual(['DEPARTED_ORIGIN', 'TRANSIT_HUB', 'ARRIVED_DESTINATION', 'IMPORT_CUSTOMS_STARTED']);
  });

  it('gives one milestone when first and last are the same, and the whole journey from first to last milestone', () => {
    expect(milestonesBetween('DELIVERED', 'DELIVERED')).toEqual(['DELIVERED']);
    expect(milestonesBetween('INFO_RECEIVED', 'CANCELLED')).toEqual([...MILESTONES]);
  });
});
