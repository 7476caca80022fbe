// Errors the domain throws on purpose. The HTTP status is decided once, from `code`, in the
// route layer (app/_server/http.ts); the domain never speaks HTTP.
export type AppErrorCode =
  'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'wechat_error' | 'unavailable';

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Extra JSON for the client, e.g. { fields } for validation or { errCode } for WeChat. */
  readonly details?: Record<string, unknown>;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** A refusal the client may retry later: the route layer adds `Retry-After` (seconds). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, details?: Record<string, unknown>) {
    super('rate_limited', message, details);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
