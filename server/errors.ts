import type { ErrorRequestHandler, RequestHandler } from 'express';

/**
 * A failure the user can act on: a stable code, an HTTP status and a message in plain words.
 * The one error handler below turns it into problem+json for the API and a page for the browser.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

const messages = {
  notFound: 'There is no page at this address.',
  tooLarge: 'The request is larger than the server accepts.',
  malformed: 'The request body could not be read: it is not well-formed.',
  internal: 'Something went wrong on our side. The error has been logged; please try again.',
} as const;

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign in required',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal server error',
};

export const notFound: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', 404, messages.notFound, { path: req.path }));
};

/** Domain errors of the capabilities carry a code; this is the HTTP status each code means. */
const statusByDomainCode: Record<string, number> = { NOT_FOUND: 404, WRONG_STATUS: 409, ALREADY_EXISTS: 409, CONFLICT: 409 };

function fromDomain(error: unknown): AppError | null {
  if (!(error instanceof Error) || !('code' in error) || typeof error.code !== 'string') return null;
  const status = statusByDomainCode[error.code];
  return status ? new AppError(error.code, status, error.message) : null;
}

/** body-parser marks its own errors with a `type` and a status. */
function fromBodyParser(error: unknown): AppError | null {
  if (typeof error !== 'object' || error === null || !('type' in error)) return null;
  const type = error.type;
  if (type === 'entity.too.large') return new AppError('TOO_LARGE', 413, messages.tooLarge);
  if (type === 'entity.parse.failed') return new AppError('MALFORMED', 400, messages.malformed);
  return null;
}

export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const known = error instanceof AppError ? error : (fromBodyParser(error) ?? fromDomain(error));
  const problem = known ?? new AppError('INTERNAL', 500, messages.internal);
  if (problem.status >= 500) req.log.error({ err: error }, 'request failed');
  else req.log.info({ code: problem.code }, problem.message);

  res.status(problem.status);
  // pino-http sets the id from our genReqId, which always returns a string.
  const requestId = req.id as string;
  const title = titles[problem.status] ?? 'Error';
  if (req.path.startsWith('/api/') || req.get('accept') === 'application/json') {
    res.type('application/problem+json').json({
      type: `about:blank#${problem.code}`,
      title,
      status: problem.status,
      code: problem.code,
      detail: problem.message,
      requestId,
      ...problem.details,
    });
    return;
  }
  res.render('pages/error', { title, status: problem.status, message: problem.message, requestId });
};
