/**
 * What went wrong opening a document, in the terms the user gets a message for. pdf.js reports
 * failures as errors with a `name` (PasswordException, InvalidPDFException, ResponseException
 * with an HTTP `status`…); matching on the name keeps this module free of pdf.js.
 */
import type { MessageKey } from '../../../shared/i18n';

export type LoadErrorKind = 'password' | 'invalid' | 'missing' | 'network' | 'generic';

export function classifyLoadError(error: unknown): LoadErrorKind {
  if (!error || typeof error !== 'object') return 'generic';
  const { name, status, message } = error as { name?: unknown; status?: unknown; message?: unknown };
  switch (name) {
    case 'PasswordException':
      return 'password';
    case 'InvalidPDFException':
    case 'FormatError':
      return 'invalid';
    case 'MissingPDFException':
      return 'missing';
    case 'ResponseException':
    case 'UnexpectedResponseException':
      if (status === 404 || status === 410) return 'missing';
      return 'network';
  }
  // fetch() rejects with a TypeError when the connection itself fails.
  if (name === 'TypeError' && typeof message === 'string' && /fetch|network/i.test(message)) return 'network';
  return 'generic';
}

export const LOAD_ERROR_MESSAGES: Readonly<Record<LoadErrorKind, MessageKey>> = {
  password: 'viewer.error.password',
  invalid: 'viewer.error.invalid',
  missing: 'viewer.error.missing',
  network: 'viewer.error.network',
  generic: 'viewer.error.generic',
};
