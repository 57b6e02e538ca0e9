import { InputError } from '../../../app';
import type { ValidationIssue } from './product-input-validator';

export interface ProductProblem {
  /** Position of the input in the batch. */
  index: number;
  sku: string;
  issues: ValidationIssue[];
}

/** Every problem of a save, per input: one product gets a one-line message, a batch (import) lists them per row. */
export class ProductValidationError extends InputError {
  constructor(readonly problems: ProductProblem[]) {
    super(describe(problems));
  }
}

function describe(problems: ProductProblem[]): string {
  const line = (p: ProductProblem) => `Invalid product "${p.sku}": ${p.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}.`;
  if (problems.length === 1) return line(problems[0]);
  return `${problems.length} products are invalid. ${problems.map(line).join(' ')}`;
}
