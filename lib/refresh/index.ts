/** Keeping lists fresh and following more of them. */
export * from './apply';
export * from './diff';
export * from './failure';
export * from './fetch';
export * from './refresh';
export * from './schedule';
export * from './state';
export * from './url';
export * from './progress';
