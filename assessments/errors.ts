/** A domain failure with a stable code and a message in plain words; the web layer picks the HTTP status. */
export class AssessmentError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'WRONG_STATUS' | 'ALREADY_EXISTS' | 'CONFLICT',
    message: string,
  ) {
    super(message);
    this.name = 'AssessmentError';
  }
}
