/**
 * The ports services are given (types only): logging, progress, prompts, sending, time and
 * randomness. Implementations live in src/ui and src/adapters; tests pass fakes.
 */

/** Progress and diagnostics: always stderr, so stdout stays clean for results. */
export interface Logger {
  info(msg: string): void;
  success(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
  hint(msg: string): void;
  debug(msg: string): void;
}

/** A progress indicator: an ora spinner on an interactive stderr, plain lines otherwise (CI logs). */
export interface Spinner {
  update(text: string): void;
  succeed(text: string): void;
  fail(text: string): void;
  stop(): void;
}

/** Prompts that only fill gaps: each names the flag that would have answered it. */
export interface Prompter {
  readonly interactive: boolean;
  /** Yes/no; defaults to No unless `defaultValue` says otherwise (destructive steps keep No). */
  confirm(
    message: string,
    flag: string,
    exitCode?: number,
    defaultValue?: boolean,
  ): Promise<boolean>;
  /**
   * Free text, validated as typed (Enter re-asks with the message returned by `validate`).
   * `opts.maskFinal` rewrites the answer once it is submitted, so a URL with credentials is shown
   * in full while it is edited but masked in the terminal's scroll-back.
   */
  input(
    message: string,
    flag: string,
    validate?: (v: string) => true | string,
    defaultValue?: string,
    opts?: { maskFinal?: (v: string) => string },
  ): Promise<string>;
  select<T extends string>(
    message: string,
    flag: string,
    choices: ReadonlyArray<{ name: string; value: T; description?: string }>,
    defaultValue?: T,
  ): Promise<T>;
  checkbox<T extends string>(
    message: string,
    flag: string,
    choices: ReadonlyArray<{ name: string; value: T; checked?: boolean }>,
  ): Promise<T[]>;
}

/** How a request failed to get any response. */
export type FailureKind = 'dns' | 'refused' | 'reset' | 'tls' | 'timeout' | 'other';

/** One HTTP request to send: always a POST of exact bytes. */
export interface SendRequest {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array;
  signal?: AbortSignal;
}

/** What came back: a response (any status, redirects included and never followed) or a network failure. */
export type SendResult =
  | {
      ok: true;
      status: number;
      /** The Location header of a 3xx, as sent (callers mask it before showing it). */
      location?: string;
      /** The response's Content-Type, when it had one (a relay hands it back). */
      contentType?: string;
      body: Buffer;
      truncated: boolean;
    }
  | { ok: false; failure: FailureKind; code: string; message: string };

/** Sends deliveries; `close` releases its connections. */
export interface Sender {
  send(req: SendRequest): Promise<SendResult>;
  close(): Promise<void>;
}

/** How a sender is built: the deadline, an extra CA, connection count. */
export interface SenderOptions {
  /** Overall deadline per request, and the connect/headers/body timeouts. */
  timeoutMs: number;
  /** Extra CA certificate(s), PEM, trusted on top of the system roots (--ca-file). */
  ca?: string | Buffer;
  /** Keep-alive connections per origin (burst concurrency). */
  connections?: number;
  maxResponseBytes?: number;
}

/** A monotonic clock in milliseconds (performance.now in production). */
export interface Clock {
  now(): number;
}

/** Randomness a service needs (ids, secrets); injected so tests are deterministic. */
export interface Random {
  hex(bytes: number): string;
}
