import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** How long an answered, unparseable request may go on sending before its connection is cut. */
const DRAIN_MS = 5_000;

const ANSWERS: Record<string, [status: string, message: string]> = {
  HPE_HEADER_OVERFLOW: ['431 Request Header Fields Too Large', "the request's headers are over the 16 KiB limit"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: ['413 Payload Too Large', "the request's chunk extensions are over the limit"],
  ERR_HTTP_REQUEST_TIMEOUT: ['408 Request Timeout', 'the request did not arrive in time'],
};

/**
 * A request Node's HTTP parser refuses (headers over the limit, a request that is not HTTP, one that
 * did not arrive in time) is answered by Node, which then destroys the socket at once: when the client
 * is still sending (a large body behind huge headers), the unread bytes make the kernel reset the
 * connection, and the reset can reach the client before the answer (it sees ECONNRESET, not 431).
 * Here the same status is answered, as JSON like every other error, the write side is closed, and what
 * the client still sends is read and dropped until it closes or DRAIN_MS pass.
 */
export function answerClientErrorsGracefully(server: Server): void {
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // The parser reports every later chunk too: the first answer stands.
    if (answered.has(socket)) return;
    answered.add(socket);
    socket.on('error', () => undefined);
    // As Node does: no answer into a response already under way, none to a peer that is gone.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    const [status, message] = ANSWERS[error.code ?? ''] ?? ['400 Bad Request', 'the request is not valid HTTP'];
    const body = JSON.stringify({ statusCode: Number(status.slice(0, 3)), message });
    const timer = setTimeout(() => socket.destroy(), DRAIN_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.on('data', () => undefined);
    socket.end(`HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
    socket.resume();
  });
}
