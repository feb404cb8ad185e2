export * from './entities';
export * from './data-source';
export * from './repositories';
export * from './distribution';
export * from './table-row';
