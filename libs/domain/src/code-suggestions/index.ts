export * from './code-suggestion';
export * from './message-keywords';
