export * from './events.ts';
export * from './scripts/host.ts';
