export * from './calendar-date.js';
export * from './money.js';
export * from './investor.js';
export * from './fund.js';
export * from './input.js';
export * from './errors.js';
