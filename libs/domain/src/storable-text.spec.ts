import { storageProblems, unstorableText } from './storable-text';

describe('storable text', () => {
  it('names NUL characters and lone surrogates, and passes paired surrogates', () => {
    expect(unstorableText('a\u0000b')).toBe('a NUL character');
    expect(unstorableText('\ud800')).toBe('a lone UTF-16 surrogate');
    expect(unstorableText('x\udc00')).toBe('a lone UTF-16 surrogate');
    expect(unstorableText('📦 ok')).toBeNull();
  });

  it('walks values and keys by path, and bounds nesting', () => {
    expect(storageProblems({ location: { city: 'SÃO\u0000PAULO' }, tags: ['ok', '\ud83d'] }, '')).toEqual([
      'location.city holds a NUL character, which cannot be stored',
      'tags[1] holds a lone UTF-16 surrogate, which cannot be stored',
    ]);
    expect(storageProblems({ 'k\u0000': 1 }, 'raw')).toEqual(['raw has a key that holds a NUL character, which cannot be stored']);
    let deep: unknown = 'leaf';
    for (let level = 0; level < 40; level += 1) deep = [deep];
    expect(storageProblems(deep, 'raw')).toEqual([expect.stringMatching(/^raw(\[0\]){32} nests deeper than 32 levels$/)]);
    expect(storageProblems({ a: [{ b: 'fine' }] }, 'raw')).toEqual([]);
  });
});
