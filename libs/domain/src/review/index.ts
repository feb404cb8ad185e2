export * from './review-pack';
export * from './review-pack-csv';
