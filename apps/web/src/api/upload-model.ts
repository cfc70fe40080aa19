/**
 * Model upload over XMLHttpRequest rather than `fetch`: only XHR reports upload progress (`upload.onprogress`) in
 * every browser. Errors come back as the same {@link ApiRequestError} the fetch wrapper throws (415 not a model, 413
 * too large, with the API's message), and `abort()` cancels the transfer (the API keeps nothing of a cut upload).
 */
import { jobDtoSchema, modelDtoSchema } from '@whittle/shared';
import { z } from 'zod';
import { apiErrorFromBody, ApiRequestError, CSRF_HEADER } from './client.ts';

const uploadAnswerSchema = z.object({ model: modelDtoSchema, job: jobDtoSchema });

/** @public */
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

/** Bytes sent so far out of the total (the multipart body, a little more than the file). @public */
export interface UploadProgress {
  readonly loaded: number;
  readonly total: number;
}

/** A running upload: its answer, and a way to stop it (the promise then rejects with an `AbortError`). @public */
export interface UploadHandle {
  readonly done: Promise<UploadAnswer>;
  abort(): void;
}

/** Starts uploading `file` into the project. @public */
export function uploadModel(projectId: string, file: File, onProgress: (progress: UploadProgress) => void): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadAnswer>((resolve, reject) => {
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      if (xhr.status !== 202) {
        reject(apiErrorFromBody(xhr.status, xhr.statusText, xhr.responseText));
        return;
      }
      try {
        resolve(uploadAnswerSchema.parse(JSON.parse(xhr.responseText)));
      } catch (error) {
        reject(error instanceof Error ? error : new Error('The upload answer is malformed'));
      }
    };
    xhr.onerror = () => {
      reject(new ApiRequestError(0, 'NETWORK', 'The upload failed: the studio server cannot be reached.'));
    };
    xhr.onabort = () => {
      reject(new DOMException('The upload was cancelled', 'AbortError'));
    };
  });
  const form = new FormData();
  form.append('file', file, file.name);
  xhr.open('POST', `/api/projects/${projectId}/models`);
  xhr.setRequestHeader(CSRF_HEADER, '1');
  xhr.send(form);
  return {
    done,
    abort: () => {
      xhr.abort();
    },
  };
}
