export * from './read-review-pack';
export * from './review-statement';
