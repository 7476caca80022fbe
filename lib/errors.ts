// Errors the domain throws on purpose. The HTTP status is decided once, from `code`, in the
// route layer (app/_server/http.ts); the domain never speaks HTTP.
export type AppErrorCode =
  'bad_request' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'too_large' | 'rate_limited' | 'wechat_error' | 'unavailable';

/** A text in both of the shop's languages, e.g. a product's name; the route layer picks one. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * What a shopper or operator reads, said in the request's language by the route layer: a key of
 * the `errors` namespace of messages/*.json and its values. `message` stays the English text for
 * logs and for errors nobody sees in the UI.
 */
export interface UserMessage {
  key: string;
  values?: Record<string, string | number | Bilingual>;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Extra JSON for the client, e.g. { fields } for validation or { errCode } for WeChat. */
  readonly details?: Record<string, unknown>;
  readonly userMessage?: UserMessage;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>, userMessage?: UserMessage) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.userMessage = userMessage;
  }
}

/** A refusal the client may retry later: the route layer adds `Retry-After` (seconds). */
export class RateLimitedError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(message: string, retryAfterSeconds: number, details?: Record<string, unknown>, userMessage?: UserMessage) {
    super('rate_limited', message, details, userMessage);
    this.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  }
}
