/** What "correct" means: the catalogue and the observations it judges (the generators: properties/arbitraries/index.ts). */
export * from './catalogue.ts';
export * from './observation.ts';
export * from './replyValidation.ts';
export * from './convergence.ts';
export * from './scenario.ts';
export * from './checks/livenessChecks.ts';
export * from './labels.ts';
