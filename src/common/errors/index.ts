export * from './domain-error';
export * from './constraint-errors';
