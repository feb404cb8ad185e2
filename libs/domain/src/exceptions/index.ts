export * from './exception-facts';
export * from './exception-report';
