/** A failure the user caused or can fix (bad input, missing dependency, cycle…): printed as is, exit code 1. */
export class KernelError extends Error {
  constructor(message: string, readonly code = 'KERNEL_ERROR') {
    super(message);
    this.name = 'KernelError';
  }
}
