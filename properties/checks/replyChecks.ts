/** Checks of what the server answered (S5-S7, R1). Each returns a violation, or undefined. */
import { isObject } from '../../model/index.ts';
import type { CallOutcome, StepObservation } from '../observation.ts';
import { describeValue, malformedReplyReason } from '../replyValidation.ts';

/** S5: replies to probes and empty messages are well-formed. */
export function checkWellFormedReply({ sent, outcome, countsBefore }: StepObservation): string | undefined {
  if (sent === undefined || outcome === undefined) return undefined;
  if (sent.kind !== 'probe' && sent.kind !== 'empty') return undefined;
  if (outcome.kind === 'garbled') return `the reply cannot cross the network: ${outcome.error}`;
  if (outcome.kind !== 'reply') return undefined;
  const reason = malformedReplyReason(outcome.value, countsBefore[sent.device ?? 0] ?? 0);
  return reason === undefined ? undefined : `reply to ${sent.kind}: ${reason}`;
}

/** S6: a message a device can send never makes the server throw, reject or hang. */
export function checkSurvivesProtocol({ sent, outcome }: StepObservation): string | undefined {
  if (sent === undefined || outcome === undefined || sent.kind === 'junk') return undefined;
  return failureOf(outcome, () => `${sent.kind} ${describeValue(sent.message)}`);
}

/** S7: out-of-contract input never makes the server throw, reject or hang. */
export function checkSurvivesBadInput({ sent, outcome }: StepObservation): string | undefined {
  if (sent === undefined || outcome === undefined || sent.kind !== 'junk') return undefined;
  return failureOf(outcome, () => `bad input ${describeValue(sent.message)}`);
}

/** `what` is described only for a failure: describing every message sent was a tenth of a run's time. */
function failureOf(outcome: CallOutcome, what: () => string): string | undefined {
  if (outcome.kind === 'threw') return `the server threw on ${what()}: ${outcome.error}`;
  if (outcome.kind === 'timeout') return `the server did not answer ${what()} within ${outcome.ms} ms`;
  return undefined;
}

/**
 * R1: a probe's reply equals the model's; an empty message's reply is, like the
 * model's, a no-op for the device whenever it arrives.
 */
export function checkRefinement({ sent, outcome, modelReply }: StepObservation): string | undefined {
  if (sent === undefined || outcome?.kind !== 'reply') return undefined;
  if (sent.kind === 'empty') {
    return isCertainNoop(outcome.value) ? undefined : `reply to {} is not a no-op: ${describeValue(outcome.value)}`;
  }
  if (sent.kind !== 'probe') return undefined;
  const difference = firstDifference(outcome.value, modelReply, 'reply');
  return difference === undefined ? undefined : `the reply differs from the model's: ${difference}`;
}

/**
 * Where `actual` first departs from `expected`, as a path and both values, or
 * undefined when they are equal. Two truncated renderings of long replies would
 * look the same; the path shows what differs.
 */
function firstDifference(actual: unknown, expected: unknown, path: string): string | undefined {
  if (deepEqual(actual, expected)) return undefined;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) {
      return `${path} has ${items(actual.length)} where the model's has ${expected.length}`;
    }
    const index = actual.findIndex((item, position) => !deepEqual(item, expected[position]));
    return firstDifference(actual[index], expected[index], `${path}[${index}]`);
  }
  if (isObject(actual) && isObject(expected) && !Array.isArray(actual) && !Array.isArray(expected)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])];
    const key = keys.find((name) => !(name in actual) || !(name in expected) || !deepEqual(actual[name], expected[name]));
    if (key !== undefined) {
      if (!(key in actual)) return `${path} has no ${key}; the model's is ${describeValue(expected[key])}`;
      if (!(key in expected)) return `${path} has an extra ${key}: ${describeValue(actual[key])}`;
      return firstDifference(actual[key], expected[key], `${path}.${key}`);
    }
  }
  return `${path} is ${describeValue(actual)} where the model's is ${describeValue(expected)}`;
}

/** A reply no device can act on, however late it arrives. */
function isCertainNoop(reply: unknown): boolean {
  if (!isObject(reply) || reply.type !== 'update') return true;
  return typeof reply.from === 'number' && reply.from > Number.MAX_SAFE_INTEGER;
}

function deepEqual(left: unknown, right: unknown): boolean {
  if (Object.is(left, right)) return true;
  if (Array.isArray(left) || Array.isArray(right)) {
    return (
      Array.isArray(left) &&
      Array.isArray(right) &&
      left.length === right.length &&
      left.every((item, index) => deepEqual(item, right[index]))
    );
  }
  if (!isObject(left) || !isObject(right)) return false;
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => deepEqual(left[key], right[key]));
}

function items(count: number): string {
  return count === 1 ? '1 item' : `${count} items`;
}
