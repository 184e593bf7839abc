import type { Express, NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { AppError } from '../errors.js';

/** Business limit: an assessment export is well under 1 MB; 5 MB leaves room for long excerpts. */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
}).single('file');

/**
 * File uploads (multipart forms) are read before the CSRF check, which needs the form's token, and
 * only for a signed-in person: nobody else's upload is buffered.
 */
export function setUpUploads(app: Express): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data') || !req.user) return next();
    upload(req, res, (error?: unknown) => {
      if (error instanceof multer.MulterError) {
        next(
          error.code === 'LIMIT_FILE_SIZE'
            ? new AppError('TOO_LARGE', 413, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`)
            : new AppError('BAD_UPLOAD', 400, `The upload could not be read: ${error.message}.`),
        );
        return;
      }
      next(error);
    });
  });
}
