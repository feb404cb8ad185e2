import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

/** After an early answer, a body up to this size is read to its end so the kept-alive connection stays usable. */
export const UPLOAD_DRAIN_MAX_BYTES = 8 * 1024 * 1024;
/** How long that draining may take before the connection is closed after all. */
export const UPLOAD_DRAIN_MAX_MS = 10_000;
/** After the server's FIN, how long the rest of the body is still read and discarded (RFC 9112 §9.6). */
export const UPLOAD_LINGER_MS = 2_000;

/**
 * An upload answered before its body ended (a rejection, a 401, a 429, a failed parse) must neither
 * keep the connection hanging nor make the API read an unbounded rest. A body of a declared size up
 * to UPLOAD_DRAIN_MAX_BYTES is read and discarded within UPLOAD_DRAIN_MAX_MS, keeping the connection;
 * anything larger or of unknown size is closed in stages: FIN after the answer, the rest read and
 * discarded for UPLOAD_LINGER_MS, then the socket destroyed. An immediate close would reset the
 * connection under a client that is still sending and could lose it the answer.
 */
export function settleUnreadBody(request: Request): void {
  if (request.complete || request.socket.destroyed) return;
  request.unpipe();
  request.resume();
  const declared = Number(request.headers['content-length']);
  if (Number.isInteger(declared) && declared <= UPLOAD_DRAIN_MAX_BYTES) {
    const timer = setTimeout(() => closeInStages(request), UPLOAD_DRAIN_MAX_MS);
    timer.unref();
    request.once('end', () => clearTimeout(timer));
    request.once('close', () => clearTimeout(timer));
    return;
  }
  closeInStages(request);
}

function closeInStages(request: Request): void {
  const socket = request.socket;
  if (socket.destroyed) return;
  socket.end();
  const timer = setTimeout(() => socket.destroy(), UPLOAD_LINGER_MS);
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
}

/** Runs before the guards, so every early answer to an upload (401, 403, 429 included) settles its body. */
@Injectable()
export class UploadConnectionMiddleware implements NestMiddleware {
  use(request: Request, response: Response, next: NextFunction): void {
    response.once('finish', () => settleUnreadBody(request));
    next();
  }
}
