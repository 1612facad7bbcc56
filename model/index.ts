/** The pure model of the sync protocol: data and functions, no I/O, no randomness. */
export * from './messages.ts';
export * from './events.ts';
export * from './network.ts';
export * from './classifyMessage.ts';
export * from './probeAnswer.ts';
export * from './emptyAnswer.ts';
export * from './errorReply.ts';
export * from './server.ts';
export * from './applyReply.ts';
export * from './state.ts';
export * from './step.ts';
export * from './reliableRound.ts';
export * from './bounds.ts';
