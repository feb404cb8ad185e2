import 'reflect-metadata';
import type { ShipmentFacts } from '@lanewatch/domain';
import { getMetadataArgsStorage } from 'typeorm';
import { ENTITIES, ShipmentFactEntity } from './entities';
import type { ShipmentFactRow } from './repositories/facts.repository';
import { columnName, TableRow } from './table-row';
import type { LegEntity } from './entities';

// true only when each type is assignable to the other (the same properties and value types).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

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

  it('a shipment fact row is the shipment_facts columns, its facts the domain\'s but maxSilenceHours', () => {
    // Compiles only while the facts the row stores and the facts the domain derives are the same.
    const sameFacts: Same<Omit<ShipmentFactRow, 'shipmentId' | 'corridor' | 'serviceLevel' | 'promisedBy' | 'rollup'>, Omit<ShipmentFacts, 'maxSilenceHours'>> = true;
    const row: ShipmentFactRow = {
      shipmentId: '00000000-0000-0000-0000-000000000001',
      corridor: null,
      serviceLevel: null,
      promisedBy: null,
      firstScanAt: null,
      deliveredAt: null,
      transitDays: null,
      customsStartAt: null,
      customsReleasedAt: null,
      customsHoldHours: null,
      exportCustomsStartAt: null,
      exportCustomsReleasedAt: null,
      exportCustomsHoldHours: null,
      firstAttemptAt: null,
      firstAttemptDelivered: null,
      onTime: null,
      lastEventAt: null,
      terminal: false,
      rollup: [],
    };
    // insertFacts writes exportCustomsReleasedAt (the domain's name) to export_customs_cleared_at.
    const written = Object.keys(row).map((key) => (key === 'exportCustomsReleasedAt' ? 'export_customs_cleared_at' : columnName(key)));
    const columns = getMetadataArgsStorage()
      .columns.filter((column) => column.target === ShipmentFactEntity)
      .map((column) => column.options.name ?? column.propertyName);
    expect(sameFacts).toBe(true);
    expect(written.sort()).toEqual(columns.sort());
  });
});
