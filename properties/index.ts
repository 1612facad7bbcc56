/** What "correct" means: the catalogue, the observations it judges, and the generators. */
export * from './catalogue.ts';
export * from './observation.ts';
export * from './replyValidation.ts';
export * from './convergence.ts';
export * from './scenario.ts';
export * from './checks/livenessChecks.ts';
export * from './arbitraries/scenarioArbitrary.ts';
export * from './arbitraries/junkMessage.ts';
export * from './labels.ts';
