// The part of libs/domain the dashboard bundle may import at runtime: pure code with no Node-only
// imports (the main entry also holds node:crypto code for event identities and signatures).
export * from './milestones';
export * from './statistics';
export * from './task-progress';
export * from './milestone-labels';
