export * from './domain-error';
export * from './constraint-errors';
export * from './database-unavailable';
