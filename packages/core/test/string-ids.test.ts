// The string table's edges that the call-id table's property tests (duplicates.test.ts) do not
// reach: pages that fill up (4 GiB of ids in real use; one page here), ids read in place from
// a larger text, and the bytes compared between two tables.
import { describe, expect, it } from 'vitest';
import { StringIds } from '../src/rules/string-ids.js';

/** Ids of 30 characters: 32 bytes each in the pages, so 40,000 of them fill more than 1 MiB. */
const idOf = (i: number) => `call-${String(i).padStart(25, '0')}`;

/** Adds new ids under slots from `firstSlot`. */
function fill(table: StringIds, ids: string[], firstSlot = 0): void {
  let found = 0;
  ids.forEach((id, i) => {
    if (table.find(id, 0, id.length) >= 0) found++;
    else table.add(id, 0, id.length, firstSlot + i);
  });
  expect(found).toBe(0);
}

describe('StringIds', () => {
  it('finds ids read in place, and tells ids apart by every unit and by length', () => {
    const t = new StringIds();
    const text = 'x,abc,abd,ab,Ωb,Ωc,';
    const spans = [[2, 5], [6, 9], [10, 12], [13, 15], [16, 18]];
    spans.forEach(([from, to], slot) => {
      expect(t.find(text, from, to)).toBe(-1);
      t.add(text, from, to, slot);
    });
    expect(['abc', 'abd', 'ab', 'Ωb', 'Ωc'].map((id) => t.find(id, 0, id.length))).toEqual([0, 1, 2, 3, 4]);
    expect(['abcd', 'a', 'Ωd', 'ΩΩ'].map((id) => t.find(id, 0, id.length))).toEqual([-1, -1, -1, -1]);
  });

  it('packs a lowercase UUID in 18 bytes, tells it from every near-UUID, and gives its text back', () => {
    const uuid = 'a3bb189e-8bf9-3888-9912-ace4e6543002';
    // Uppercase and mixed case, a digit where a hyphen goes, a hyphen where a digit goes, a
    // letter past f, a Latin-1 unit whose low 7 bits are the UUID's last digit, one unit more or
    // less: all kept as text, none equal to the packed UUID.
    const near = [uuid.toUpperCase(), `A${uuid.slice(1)}`, `${uuid.slice(0, 8)}0${uuid.slice(9)}`, `${uuid.slice(0, 9)}-${uuid.slice(10)}`, `${uuid.slice(0, 35)}g`, `${uuid.slice(0, 35)}\u00b2`, `${uuid}0`, uuid.slice(0, 35)];
    const ids = [uuid, '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', ...near];
    const t = new StringIds();
    fill(t, ids);
    expect(ids.map((id) => t.find(id, 0, id.length))).toEqual(ids.map((_, i) => i));
    // Three packed entries of 18 bytes; the others keep a byte a unit after their 2-byte header.
    expect(t.state().used).toBe(3 * 18 + near.reduce((n, id) => n + 2 + id.length, 0));
    const texts: string[] = [];
    t.each((bucket, slot) => (texts[slot] = t.textOf(bucket)), () => {});
    expect(texts).toEqual(ids);
  });

  it('keeps finding every id once its pages are full (the rest kept as strings)', () => {
    const t = new StringIds(undefined, 1);
    const ids = Array.from({ length: 40_000 }, (_, i) => idOf(i));
    fill(t, ids);
    const s = t.state();
    expect(s.full).toBe(true);
    expect(s.pages).toHaveLength(1);
    expect(s.long.size).toBeGreaterThan(0);
    expect(s.long.size).toBeLessThan(ids.length);
    for (let i = 0; i < ids.length; i += 97) expect(t.find(ids[i], 0, ids[i].length)).toBe(i);
    expect(t.find(idOf(40_000), 0, 30)).toBe(-1);
  });

  it('absorbs another table by its bytes, into a table whose pages are full', () => {
    const into = new StringIds(undefined, 1);
    const ids = Array.from({ length: 45_000 }, (_, i) => idOf(i));
    fill(into, ids.slice(0, 40_000)); // from about the 32,700th, kept as strings
    expect(into.state().full).toBe(true);
    const part = new StringIds();
    fill(part, [...ids.slice(30_000), 'Ω-wide'], 0); // 10,000 in `into` (in its pages or not), 5,001 new
    const added: number[] = [];
    part.each(
      (b, slot) => {
        const found = into.findFrom(part, b);
        if (found >= 0) {
          // Found by bytes: the same text, under this table's slot.
          expect(found).toBe(30_000 + slot);
          return;
        }
        into.addFrom(part, b, 100_000 + slot);
        added.push(slot);
      },
      () => undefined,
    );
    expect(added.sort((x, y) => x - y)).toEqual(Array.from({ length: 5_001 }, (_, i) => 10_000 + i));
    for (let i = 40_000; i < 45_000; i += 89) expect(into.find(ids[i], 0, 30)).toBe(100_000 + i - 30_000);
    expect(into.find('Ω-wide', 0, 6)).toBe(115_000);
  });

  it('tells apart two ids of the same 32-bit hash and length', () => {
    // Found by a search over random ids with the table's hash function.
    const [a, b] = ['id-0ai4dmi', 'id-1becc79'];
    const t = new StringIds();
    fill(t, [a, b]);
    expect([t.find(a, 0, a.length), t.find(b, 0, b.length)]).toEqual([0, 1]);
    const other = new StringIds();
    fill(other, [b], 7);
    const found: number[] = [];
    other.each((i) => found.push(t.findFrom(other, i)), () => undefined);
    expect(found).toEqual([1]);
  });

  it('gives the text of a stored id back for messages, wide units included', () => {
    const t = new StringIds();
    const ids = ['A-1', 'Ωmega-7', '📞 42', 'é'];
    fill(t, ids);
    const texts: string[] = [];
    t.each((b) => texts.push(t.textOf(b)), (id) => texts.push(id));
    expect(texts.sort()).toEqual([...ids].sort());
  });
});
