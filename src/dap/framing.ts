/**
 * DAP's base protocol: `Content-Length: N\r\n\r\n` then N bytes of JSON.
 * Pure: fed arbitrary chunks (split or merged), yields whole messages.
 */
export class FramingError extends Error {
  /** What the peer greeted as, when its first bytes say (`an SSH server`: the port given was sshd's). */
  constructor(
    message: string,
    readonly greets?: string,
  ) {
    super(message);
  }
}

const HEADER_END = Buffer.from('\r\n\r\n');
// A header block longer than this is not DAP; stop buffering and say so.
const MAX_HEADER = 1024;
/** No DAP message from Delve comes near this; a header announcing more is hostile or broken. */
export const MAX_BODY = 64 * 1024 * 1024;

export function encodeMessage(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]);
}

export class MessageReader {
  private buffer: Buffer = Buffer.alloc(0);
  private bodyLength = -1;

  /** Feed bytes; returns the messages completed by them. Throws FramingError on a bad stream. */
  push(chunk: Buffer): unknown[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: unknown[] = [];
    for (;;) {
      if (this.bodyLength < 0) {
        const end = this.buffer.indexOf(HEADER_END);
        // The same limit whether the header block arrives whole or in pieces.
        if ((end < 0 && this.buffer.length > MAX_HEADER) || end > MAX_HEADER || !looksLikeHeaderStart(this.buffer)) {
          throw new FramingError(`not a DAP header: ${preview(this.buffer)}`, greeting(this.buffer));
        }
        if (end < 0) return out;
        // latin1, not ascii: Node's ascii drops the high bit, which would read byte 0xB2 as the digit 2.
        this.bodyLength = parseHeaders(this.buffer.subarray(0, end).toString('latin1'));
        this.buffer = this.buffer.subarray(end + HEADER_END.length);
      }
      if (this.buffer.length < this.bodyLength) return out;
      const body = this.buffer.subarray(0, this.bodyLength).toString('utf8');
      this.buffer = this.buffer.subarray(this.bodyLength);
      this.bodyLength = -1;
      let message: unknown;
      try {
        message = JSON.parse(body);
      } catch {
        throw new FramingError(`a DAP message body is not JSON: ${preview(Buffer.from(body))}`);
      }
      // Every DAP message is an object; `null` or `1` would reach the client as a message without a type.
      if (typeof message !== 'object' || message === null || Array.isArray(message)) {
        throw new FramingError(`a DAP message body is not a JSON object: ${preview(Buffer.from(body))}`);
      }
      out.push(message);
    }
  }
}

function parseHeaders(block: string): number {
  let length = -1;
  for (const line of block.split('\r\n')) {
    const m = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
    if (!m) throw new FramingError(`not a DAP header line: ${JSON.stringify(line.slice(0, 60))}`);
    if (m[1]!.toLowerCase() === 'content-length') {
      if (!/^\d+$/.test(m[2]!)) throw new FramingError(`bad Content-Length: ${JSON.stringify(m[2])}`);
      length = Number(m[2]);
      if (m[2]!.length > 12 || length > MAX_BODY) throw new FramingError(`a DAP message of ${m[2]} bytes announced, more than the ${MAX_BODY / 1024 / 1024} MiB gotui accepts`);
    }
  }
  if (length < 0) throw new FramingError('a DAP header has no Content-Length');
  return length;
}

// Fail fast on a peer that is not speaking DAP, instead of waiting for a header end that never comes.
function looksLikeHeaderStart(buf: Buffer): boolean {
  const text = buf.subarray(0, 16).toString('ascii');
  const want = 'Content-Length:';
  const n = Math.min(text.length, want.length);
  return text.slice(0, n).toLowerCase() === want.slice(0, n).toLowerCase();
}

function greeting(buf: Buffer): string | undefined {
  const start = buf.subarray(0, 5).toString('latin1');
  // An HTTP/0.9 answer is the page alone: python's http.server answers a DAP header so (trial CH).
  return start.startsWith('SSH-') ? 'an SSH server' : start === 'HTTP/' || /^<(!doctype|html)/i.test(buf.subarray(0, 9).toString('latin1')) ? 'an HTTP server' : undefined;
}

function preview(buf: Buffer): string {
  return JSON.stringify(buf.subarray(0, 40).toString('latin1'));
}
