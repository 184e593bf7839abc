/** Why a report could not be printed; the caller decides whether to retry later or tell the user. */
export type PrintErrorCode =
  | 'TIMEOUT'
  | 'BROWSER_DIED'
  | 'LAUNCH_FAILED'
  | 'HTTP_ERROR'
  | 'PAGE_ERROR'
  | 'PAGE_CRASHED'
  | 'CHROMIUM_ERROR'
  | 'CLOSED';

/** A print failure with a stable code and a message in plain words naming the report. */
export class PrintError extends Error {
  constructor(
    readonly code: PrintErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PrintError';
  }
}

export const messages = {
  timeout: (what: string, ms: number, stage: string, pageErrors: readonly string[]) =>
    `Printing ${what} took longer than ${ms} ms and was stopped while ${stage}.` +
    (pageErrors.length > 0 ? ` The page reported: ${pageErrors.slice(0, 3).join(' | ')}` : ''),
  diedTwice: (what: string) =>
    `Chromium stopped while printing ${what}, was restarted, and stopped again on the retry.`,
  launchFailed: (executablePath: string, reason: string) =>
    `Chromium could not be started from ${executablePath}: ${reason}`,
  httpError: (what: string, status: number) => `The report page for ${what} answered HTTP ${status} instead of the report.`,
  pageError: (what: string, reported: string) => `The report page for ${what} could not draw itself: ${reported}`,
  pageCrashed: (what: string) => `The Chromium tab printing ${what} crashed.`,
  chromiumError: (what: string, stage: string, reason: string) =>
    `Printing ${what} failed while ${stage}: ${reason}`,
  closed: (what: string) => `The printer was closed before ${what} was printed.`,
} as const;
