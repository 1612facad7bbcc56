#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, so neither the suite nor checked implementations need a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
