import 'reflect-metadata';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES } from './entities';
import { columnName, TableRow } from './table-row';
import type { LegEntity } from './entities';

// TableRow renames an entity's properties to column names by rule; an entity whose column is named
// otherwise would give the repositories a row type with a column the table does not have.
describe('table rows derived from the entities', () => {
  it('every entity column is named after its property in snake_case', () => {
    const storage = getMetadataArgsStorage();
    const misnamed = (ENTITIES as unknown[]).flatMap((entity) =>
      storage.columns
        .filter((column) => column.target === entity)
        .map((column) => ({ entity: (entity as { name: string }).name, property: column.propertyName, column: column.options.name ?? column.propertyName }))
        .filter(({ property, column }) => column !== columnName(property)),
    );
    expect(misnamed).toEqual([]);
    expect(storage.columns.filter((column) => (ENTITIES as unknown[]).includes(column.target)).length).toBeGreaterThan(100);
  });

  it('columnName and the SnakeCase type agree', () => {
    const row: Pick<TableRow<LegEntity>, 'parent_leg_id' | 'event_count'> = { parent_leg_id: null, event_count: 0 };
    expect(Object.keys(row).every((key) => key === columnName(key))).toBe(true);
    expect(columnName('handoverTrackingNumber')).toBe('handover_tracking_number');
    expect(columnName('id')).toBe('id');
  });
});
