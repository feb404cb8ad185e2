export * from './alert-channels';
export * from './breach-view';
export * from './evaluate';
export * from './evidence';
export * from './measure-scope';
export * from './apply-contract';
export * from './preview';
