import { Socket, connect } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * One HTTP/1.1 connection driven byte by byte: what fetch cannot do (a body cut short, a client
 * vanishing mid-upload, a second request on the same kept-alive socket after a rejected upload).
 */
export class RawConnection {
  private buffer = Buffer.alloc(0);
  private ended = false;
  private error: Error | null = null;
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.wake();
    });
    socket.on('end', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('close', () => {
      this.ended = true;
      this.wake();
    });
    socket.on('error', (error) => {
      this.error = error;
      this.wake();
    });
  }

  static open(port: number): Promise<RawConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host: '127.0.0.1' }, () => resolve(new RawConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends bytes; resolves once the kernel took them (a server that stops reading leaves it pending). */
  send(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.destroyed) return reject(new Error('the connection is closed'));
      this.socket.write(data, (error) => (error ? reject(error) : resolve()));
    });
  }

  /**
   * Sends up to `total` bytes of empty lines in 64 KiB pieces (each passed through `wrap`, e.g. into a
   * chunk), stopping quietly when the server closes; answers how many it sent.
   */
  async sendFiller(total: number, wrap: (piece: Buffer) => Buffer = (piece) => piece): Promise<number> {
    const piece = Buffer.alloc(65_536, '\n');
    let sent = 0;
    while (sent < total && !this.socket.destroyed && !this.ended) {
      const size = Math.min(piece.length, total - sent);
      try {
        await this.send(wrap(piece.subarray(0, size)));
      } catch {
        break;
      }
      sent += size;
    }
    return sent;
  }

  /** The next complete response (Content-Length framed), or an error after timeoutMs. */
  async nextResponse(timeoutMs: number): Promise<RawResponse> {
    let response: RawResponse | null = null;
    await this.until(() => {
      response = this.takeResponse();
      return response !== null || this.ended || this.error !== null;
    }, timeoutMs, 'a response');
    if (!response) throw new Error(`the connection ended without a complete response${this.error ? ` (${this.error.message})` : ''}`);
    return response;
  }

  /** Resolves true once the server has closed or ended the connection within timeoutMs, false otherwise. */
  async closedByServer(timeoutMs: number): Promise<boolean> {
    try {
      await this.until(() => this.ended || this.error !== null, timeoutMs, 'the close');
      return true;
    } catch {
      return false;
    }
  }

  destroy(): void {
    this.socket.destroy();
  }

  private takeResponse(): RawResponse | null {
    const headEnd = this.buffer.indexOf('\r\n\r\n');
    if (headEnd < 0) return null;
    const [statusLine, ...headerLines] = this.buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
    const headers: Record<string, string> = {};
    for (const line of headerLines) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    const length = Number(headers['content-length'] ?? 0);
    if (this.buffer.length < headEnd + 4 + length) return null;
    const body = this.buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
    this.buffer = this.buffer.subarray(headEnd + 4 + length);
    return { status: Number(statusLine.split(' ')[1]), headers, body };
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
  }

  private until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}

/** A multipart/form-data body with one file part; `closed: false` leaves out the closing boundary. */
export function multipartFile(input: { boundary: string; fileName: string; content: string | Buffer; closed?: boolean }): Buffer {
  const head = `--${input.boundary}\r\nContent-Disposition: form-data; name="file"; filename="${input.fileName}"\r\nContent-Type: text/csv\r\n\r\n`;
  const tail = input.closed === false ? '' : `\r\n--${input.boundary}--\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(input.content), Buffer.from(tail)]);
}

/** The head of a POST /api/v1/imports request; without contentLength the body is sent as it comes (the test closes it). */
export function importHead(input: { token: string; contentType: string; contentLength?: number; query?: string }): string {
  return [
    `POST /api/v1/imports${input.query ?? ''} HTTP/1.1`,
    'Host: 127.0.0.1',
    `Authorization: Bearer ${input.token}`,
    `Content-Type: ${input.contentType}`,
    'Connection: keep-alive',
    input.contentLength === undefined ? 'Transfer-Encoding: chunked' : `Content-Length: ${input.contentLength}`,
    '',
    '',
  ].join('\r\n');
}

/** One chunk of a chunked request body (HTTP/1.1 chunked transfer coding). */
export function chunk(data: string | Buffer): Buffer {
  const bytes = Buffer.from(data);
  return Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]);
}
