import Busboy from '@fastify/busboy';
import { BadRequestException, HttpException, PayloadTooLargeException } from '@nestjs/common';
import type { Request } from 'express';
import { PassThrough, Readable } from 'node:stream';

/** Room for the multipart framing (boundaries, part headers) on top of the file bound. */
export const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The client went away mid-body: nobody reads the answer, but the import records why it stopped. */
export class UploadAbortedException extends BadRequestException {}

export interface FileUpload {
  /** The file's bytes. Every way the upload can break ends it with an HttpException saying why. */
  stream: Readable;
  fileName: string | null;
}

const ignore = () => undefined;

/**
 * The first file part of a multipart request, as a stream read at the pace of its consumer. Every
 * failure of the multipart parser, the size bound or the connection reaches the consumer as an
 * error of that stream (nothing is left to an unhandled 'error' event).
 */
export function openFileUpload(request: Request, limits: { maxFileBytes: number }): Promise<FileUpload> {
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new BadRequestException('send the CSV as multipart/form-data with a "file" part'));
  }
  const maxUploadBytes = limits.maxFileBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = Number(request.headers['content-length']);
  if (Number.isInteger(declared) && declared > maxUploadBytes) {
    return Promise.reject(
      new PayloadTooLargeException(`the upload is ${declared} bytes; a file may have at most ${limits.maxFileBytes} bytes (IMPORT_MAX_FILE_BYTES)`),
    );
  }
  let busboy: ReturnType<typeof Busboy>;
  try {
    // Non-file parts are skipped; the bounds keep what busboy buffers of them small.
    busboy = Busboy({
      headers: request.headers as { 'content-type': string },
      limits: { files: 1, fileSize: limits.maxFileBytes, fields: 20, fieldSize: 4096, parts: 40, headerPairs: 40 },
    });
  } catch (error) {
    const message = (error as Error).message;
    return Promise.reject(
      new BadRequestException(
        /boundary not found/i.test(message)
          ? 'the Content-Type multipart/form-data has no boundary parameter; send multipart/form-data; boundary=…'
          : `the multipart Content-Type cannot be read: ${message}`,
      ),
    );
  }

  return new Promise((resolve, reject) => {
    let output: PassThrough | null = null;
    let settled = false;
    let received = 0;
    const fail = (error: HttpException) => {
      if (output) {
        if (!output.destroyed) output.destroy(error);
      } else if (!settled) {
        settled = true;
        reject(error);
      }
    };
    const malformed = (error: Error) =>
      fail(
        /unexpected end of multipart data/i.test(error.message)
          ? new BadRequestException('the multipart body ended before its closing boundary')
          : new BadRequestException(`the multipart body is malformed: ${error.message}`),
      );

    busboy.on('file', (_field: string, file: Readable, fileName: string) => {
      if (fileName && /\u0000/.test(fileName)) {
        // The name is stored with the import, and PostgreSQL's text cannot hold a NUL.
        file.on('error', ignore); // a body cut short still ends this upload only
        file.resume();
        fail(new BadRequestException('the file name holds a NUL character; send the file under a name without one'));
        return;
      }
      output = new PassThrough();
      output.on('error', ignore); // the consumer's pipeline reports it; this keeps an early one from being unhandled
      file.on('error', malformed);
      file.on('limit', () => fail(new PayloadTooLargeException(`the file is larger than ${limits.maxFileBytes} bytes (IMPORT_MAX_FILE_BYTES)`)));
      file.pipe(output);
      settled = true;
      resolve({ stream: output, fileName: fileName ? fileName.slice(0, 200) : null });
    });
    busboy.on('error', malformed);
    busboy.on('finish', () => {
      if (!output) fail(new BadRequestException('the multipart body has no file part'));
    });
    request.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxUploadBytes) {
        fail(new PayloadTooLargeException(`the upload is larger than ${maxUploadBytes} bytes: a file of at most ${limits.maxFileBytes} bytes (IMPORT_MAX_FILE_BYTES) and its multipart framing`));
      }
    });
    const aborted = () => {
      if (!request.complete) fail(new UploadAbortedException(`the upload stopped after ${received} bytes: the connection closed before the end of the body (the client went away, or the upload took longer than HTTP_REQUEST_TIMEOUT_MS)`));
    };
    request.on('error', aborted);
    request.on('close', aborted);
    request.pipe(busboy);
  });
}
