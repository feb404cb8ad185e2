import { changedCodes, CodeMap, parseCodeMapBody, resolveMilestone } from './code-map';
import { Milestone } from './milestones';

const ALL_MILESTONES =
  'INFO_RECEIVED, ACCEPTED, ORIGIN_FACILITY, EXPORT_CUSTOMS_STARTED, EXPORT_CUSTOMS_HELD, EXPORT_CUSTOMS_CLEARED, ' +
  'HANDED_TO_LINEHAUL, DEPARTED_ORIGIN, TRANSIT_HUB, ARRIVED_DESTINATION, IMPORT_CUSTOMS_STARTED, IMPORT_CUSTOMS_HELD, ' +
  'IMPORT_CUSTOMS_RELEASED, HANDED_OVER, DESTINATION_FACILITY, OUT_FOR_DELIVERY, DELIVERY_FAILED, AVAILABLE_FOR_PICKUP, ' +
  'DELIVERED, RETURN_IN_TRANSIT, RETURNED, EXCEPTION, LOST, DESTROYED, CANCELLED';

const codeMap = (entries: Record<string, Milestone>): CodeMap => new Map(Object.entries(entries));

describe('parseCodeMapBody', () => {
  it('accepts {mappings: {...}} and returns the map', () => {
    expect(parseCodeMapBody({ mappings: { EMA: 'ACCEPTED', EME: 'IMPORT_CUSTOMS_HELD', BDE: 'DELIVERED' } })).toEqual({
      ok: true,
      mappings: new Map<string, Milestone>([
        ['EMA', 'ACCEPTED'],
        ['EME', 'IMPORT_CUSTOMS_HELD'],
        ['BDE', 'DELIVERED'],
      ]),
    });
  });

  it('trims the raw codes', () => {
    const result = parseCodeMapBody({ mappings: { ' EMA ': 'ACCEPTED' } });
    expect(result.ok && [...result.mappings.keys()]).toEqual(['EMA']);
  });

  it('accepts an empty map, which replaces the whole map with nothing', () => {
    expect(parseCodeMapBody({ mappings: {} })).toEqual({ ok: true, mappings: new Map() });
  });

  it('names every code mapped to something that is not a canonical milestone', () => {
    expect(parseCodeMapBody({ mappings: { EMA: 'ACCEPTED', BDE: 'DELIVERD', LDI: 7, OEC: null } })).toEqual({
      ok: false,
      errors: [
        `mappings['BDE'] must be one of ${ALL_MILESTONES}`,
        `mappings['LDI'] must be one of ${ALL_MILESTONES}`,
        `mappings['OEC'] must be one of ${ALL_MILESTONES}`,
      ],
    });
  });

  it('names a blank key', () => {
    expect(parseCodeMapBody({ mappings: { '  ': 'ACCEPTED', EMA: 'ACCEPTED' } })).toEqual({
      ok: false,
      errors: ["mappings key '  ' must be 1-200 characters"],
    });
  });

  it('names a key longer than 200 characters and accepts one of 200', () => {
    const long = 'K'.repeat(201);
    expect(parseCodeMapBody({ mappings: { [long]: 'ACCEPTED' } })).toEqual({
      ok: false,
      errors: [`mappings key '${long}' must be 1-200 characters`],
    });
    expect(parseCodeMapBody({ mappings: { ['K'.repeat(200)]: 'ACCEPTED' } }).ok).toBe(true);
  });

  it('names bad keys and bad milestones in the same answer', () => {
    const result = parseCodeMapBody({ mappings: { '': 'ACCEPTED', EMX: 'NOPE' } });
    expect(result).toEqual({
      ok: false,
      errors: ["mappings key '' must be 1-200 characters", `mappings['EMX'] must be one of ${ALL_MILESTONES}`],
    });
  });

  it('rejects more than 5000 entries', () => {
    const mappings = Object.fromEntries(Array.from({ length: 5001 }, (_, index) => [`C${index}`, 'ACCEPTED']));
    expect(parseCodeMapBody({ mappings })).toEqual({ ok: false, errors: ['mappings must have at most 5000 entries'] });
    delete mappings.C0;
    expect(parseCodeMapBody({ mappings }).ok).toBe(true);
  });

  it.each([
    ['an array', ['EMA']],
    ['a string', 'EMA=ACCEPTED'],
    ['missing', undefined],
  ])('rejects mappings that is %s', (_case, mappings) => {
    expect(parseCodeMapBody({ mappings })).toEqual({ ok: false, errors: ['mappings must be an object of rawCode -> milestone'] });
  });

  it.each([
    ['null', null],
    ['an array', [{ mappings: {} }]],
    ['a string', '{"mappings":{}}'],
  ])('rejects a body that is %s', (_case, body) => {
    expect(parseCodeMapBody(body)).toEqual({ ok: false, errors: ['body must be a JSON object with a mappings object'] });
  });
});

describe('resolveMilestone', () => {
  const map = codeMap({ EME: 'IMPORT_CUSTOMS_HELD', BDE: 'DELIVERED' });

  it('lets an explicit milestone win over the code map', () => {
    expect(resolveMilestone({ milestone: 'IMPORT_CUSTOMS_RELEASED', code: 'EME' }, map)).toBe('IMPORT_CUSTOMS_RELEASED');
  });

  it('keeps an explicit milestone whose code is unmapped', () => {
    expect(resolveMilestone({ milestone: 'ACCEPTED', code: 'ZZZ' }, map)).toBe('ACCEPTED');
  });

  it('maps a code through the code map', () => {
    expect(resolveMilestone({ milestone: null, code: 'BDE' }, map)).toBe('DELIVERED');
  });

  it('leaves an unmapped code without milestone', () => {
    expect(resolveMilestone({ milestone: null, code: 'ZZZ' }, map)).toBeNull();
  });

  it('matches codes exactly, not case-insensitively', () => {
    expect(resolveMilestone({ milestone: null, code: 'bde' }, map)).toBeNull();
  });

  it('leaves an event with neither milestone nor code without milestone', () => {
    expect(resolveMilestone({ milestone: null, code: null }, map)).toBeNull();
  });
});

describe('changedCodes', () => {
  it('lists added, removed and re-pointed codes, sorted, and not unchanged ones', () => {
    const before = codeMap({ EMA: 'ACCEPTED', EME: 'IMPORT_CUSTOMS_HELD', LDI: 'DESTINATION_FACILITY', OEC: 'OUT_FOR_DELIVERY' });
    const after = codeMap({ EMA: 'ACCEPTED', EME: 'IMPORT_CUSTOMS_STARTED', OEC: 'OUT_FOR_DELIVERY', BDE: 'DELIVERED' });
    expect(changedCodes(before, after)).toEqual(['BDE', 'EME', 'LDI']);
  });

  it('lists nothing for identical maps', () => {
    const map = codeMap({ EMA: 'ACCEPTED', BDE: 'DELIVERED' });
    expect(changedCodes(map, codeMap({ BDE: 'DELIVERED', EMA: 'ACCEPTED' }))).toEqual([]);
  });

  it('lists every code when a map is cleared', () => {
    expect(changedCodes(codeMap({ EMA: 'ACCEPTED', BDE: 'DELIVERED' }), new Map())).toEqual(['BDE', 'EMA']);
  });
});
