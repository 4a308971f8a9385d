/**
 * Calculations shared by validate, aggregate and render: growth arithmetic (growth.ts),
 * cross-checks of period sums and scenario tables (scenario.ts), the on-track rule (track.ts).
 */
export * from './growth.js';
export * from './scenario.js';
export * from './track.js';
