export * from './types.ts';
export * from './variables.ts';
export * from './auth/signer.ts';
