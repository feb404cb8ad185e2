import Busboy from '@fastify/busboy';
import { BadRequestException } from '@nestjs/common';
import type { Request } from 'express';
import type { Readable } from 'node:stream';

/**
 * The first file part of a multipart request, as a stream: nothing is buffered, so files of any
 * size flow through at the pace the consumer reads them.
 */
export function firstFilePart(request: Request): Promise<{ stream: Readable; fileName: string | null }> {
  const type = request.headers['content-type'] ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    return Promise.reject(new BadRequestException('send the CSV as multipart/form-data with a "file" part'));
  }
  return new Promise((resolve, reject) => {
    let found = false;
    const busboy = Busboy({ headers: request.headers as { 'content-type': string }, limits: { files: 1 } });
    busboy.on('file', (_field: string, stream: Readable, fileName: string) => {
      found = true;
      resolve({ stream, fileName: fileName ? fileName.slice(0, 200) : null });
    });
    busboy.on('finish', () => {
      if (!found) reject(new BadRequestException('the multipart body has no file part'));
    });
    busboy.on('error', (error: unknown) => reject(found ? error : new BadRequestException(`the multipart body is malformed: ${(error as Error).message}`)));
    request.pipe(busboy);
  });
}
