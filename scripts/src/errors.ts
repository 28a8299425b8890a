/** An error the user can act on: `message` says what happened, `hint` what to do next. */
export class LabError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'LabError';
  }
}
