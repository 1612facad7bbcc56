/**
 * The generators: fast-check arbitraries of scenarios and junk messages. Apart
 * from properties/index.ts because only the search needs them: what runs a
 * scenario and judges it (an implementation's worker thread above all) never
 * loads fast-check.
 */
export * from './scenarioArbitrary.ts';
export * from './junkMessage.ts';
