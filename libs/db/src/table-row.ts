/**
 * One description per table: the TypeORM entity. Migrations are checked against it (the drift spec,
 * test/migrations.int-spec.ts) and the repositories type the rows they read from it through `TableRow`:
 * the entity's properties under their column names (camelCase property → snake_case column, which
 * table-row.spec.ts holds every entity to), with the entity's value types.
 */
export type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** Every column of an entity's table, keyed by column name. */
export type TableRow<Entity> = {
  [Property in keyof Entity & string as SnakeCase<Property>]: Entity[Property];
};

/** Some columns of an entity's table, by column name: what a query selecting them reads. */
export type ColumnsOf<Entity, Column extends keyof TableRow<Entity>> = Pick<TableRow<Entity>, Column>;

/** The column name a property is stored under (the runtime twin of `SnakeCase`). */
export function columnName(property: string): string {
  return property.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** An entity's properties with its instants as epoch milliseconds (how the domain computes with them). */
export type InstantsAsMs<Entity> = { [Property in keyof Entity]: Ms<Entity[Property]> };
type Ms<Value> = Value extends Date ? number : Value;
