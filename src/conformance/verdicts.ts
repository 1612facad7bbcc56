/** A property's verdict, and the check's overall one. */
import { propertyById, type PropertyId } from '../../properties/index.ts';
import type { CutShort } from '../check/SearchBudget.ts';
import type { ModeReport, PropertyVerdict, Status } from './ConformanceReport.ts';

export function verdictOf(id: PropertyId, status: Status, runs: number): PropertyVerdict {
  const { name, level } = propertyById(id);
  return { id, name, level, status, runs };
}

/** The worst status of any property; a check cut short is never a plain pass. */
export function overallVerdict(modes: readonly ModeReport[], cutShort?: CutShort): 'pass' | 'warn' | 'fail' {
  const statuses = modes.flatMap((mode) => mode.verdicts.map((verdict) => verdict.status));
  if (statuses.includes('fail')) return 'fail';
  return statuses.includes('warn') || cutShort !== undefined ? 'warn' : 'pass';
}
