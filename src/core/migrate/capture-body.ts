import type { CaptureRecord } from './captures.js';

const CAPTURE_START = Buffer.from('{"qwhCapture":1,');

/** The exact body bytes of a capture record (undefined when `bytes` is not one). */
export function captureBody(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < CAPTURE_START.length) return undefined;
  // Byte by byte: every line of a diff's input is asked, and a view to compare costs more.
  for (let i = 0; i < CAPTURE_START.length; i++)
    if (bytes[i] !== CAPTURE_START[i]) return undefined;
  try {
    const r = JSON.parse(Buffer.from(bytes).toString('utf8')) as Partial<CaptureRecord>;
    return typeof r.body === 'string' ? Buffer.from(r.body, 'base64') : undefined;
  } catch {
    return undefined;
  }
}
