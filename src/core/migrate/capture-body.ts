import type { CaptureRecord } from './captures.js';

const CAPTURE_START = Buffer.from('{"qwhCapture":1,');

/** The exact body bytes of a capture record (undefined when `bytes` is not one). */
export function captureBody(bytes: Uint8Array): Uint8Array | undefined {
  if (
    bytes.length < CAPTURE_START.length ||
    !CAPTURE_START.equals(bytes.subarray(0, CAPTURE_START.length))
  )
    return undefined;
  try {
    const r = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<CaptureRecord>;
    return typeof r.body === 'string' ? Buffer.from(r.body, 'base64') : undefined;
  } catch {
    return undefined;
  }
}
