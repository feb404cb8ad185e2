export * from './read-review-pack';
