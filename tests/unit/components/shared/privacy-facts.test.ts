import { describe, expect, it } from 'vitest';
import { TABLE_FACTS } from '../../../../components/shared/privacy-facts';
import { SCHEMA_VERSIONS } from '../../../../storage/db/schema';

describe('the privacy panel', () => {
  it('describes every table the database has, and no table it does not', () => {
    const tables = new Set<string>();
    for (const v of SCHEMA_VERSIONS) {
      for (const [name, spec] of Object.entries(v.stores)) {
        if (spec === null) tables.delete(name);
        else tables.add(name);
      }
    }
    expect(Object.keys(TABLE_FACTS).sort()).toEqual([...tables].sort());
  });
});
