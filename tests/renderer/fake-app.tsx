/**
 * What screen tests render against: a scripted Transport (replies from handlers, every call
 * recorded, events pushed by the test) and the app services around a screen. The screens get a
 * fake transport on purpose: these tests are about what the screen does with replies and events;
 * the real core and server are covered in tests/core and end to end in real Chromium.
 */
import { act } from '@testing-library/react';
import { vi } from 'vitest';
import type { AppInfo, ContractEvent, ContractMethod } from '../../shared/contract';
import type { OcrLanguage, OcrStatus } from '../../shared/domain/ocr';
import { ApiError, type Transport } from '../../renderer/src/api/transport';
import type { AppServices } from '../../renderer/src/app/context';

export type Handlers = Partial<Record<ContractMethod, (params: never) => unknown>>;

export function fakeTransport(handlers: Handlers) {
  const calls: Array<{ method: ContractMethod; params: unknown }> = [];
  const listeners = new Set<(event: ContractEvent) => void>();
  const transport: Transport = {
    kind: 'http',
    invoke: (async (method: ContractMethod, params?: unknown) => {
      calls.push({ method, params });
      const handler = handlers[method] as ((params: unknown) => unknown) | undefined;
      if (!handler) throw new ApiError({ code: 'NOT_SUPPORTED', message: method });
      return handler(params);
    }) as Transport['invoke'],
    withSignal: () => transport,
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fileUrl: (id) => `/files/${id}`,
    bundleUrl: (name) => `/outbox/${name}`,
    sourcesForFiles: async (files, onUploaded) => {
      onUploaded?.(files.reduce((sum, file) => sum + file.size, 0));
      return files.map((_, index) => ({ type: 'upload' as const, uploadId: `0000000${index}` }));
    },
  };
  const emit = (event: ContractEvent): void => {
    act(() => {
      for (const listener of listeners) listener(event);
    });
  };
  const callsOf = (method: ContractMethod): unknown[] => calls.filter((call) => call.method === method).map((call) => call.params);
  return { transport, calls, callsOf, emit };
}

export const TEST_INFO: AppInfo = { version: '0.1.0', dataDir: '/tmp/a', archiveId: 'a', archiveName: 'Test', host: 'browser', sample: false };

export function fakeServices(transport: Transport, overrides: Partial<AppServices> = {}): AppServices {
  return {
    transport,
    route: { screen: 'search', query: '' },
    navigate: vi.fn(),
    info: TEST_INFO,
    archiveRevision: 0,
    refreshInfo: vi.fn(),
    pendingImportPaths: [],
    takePendingImportPaths: () => [],
    pendingBundlePaths: [],
    takePendingBundlePaths: () => [],
    ...overrides,
  };
}

/** A recogniser status for OCR tests: idle, every language installed and chosen, unless overridden. */
export function ocrStatus(overrides: Partial<OcrStatus> = {}): OcrStatus {
  return {
    state: 'idle',
    pendingPages: 0,
    pendingDocuments: 0,
    run: null,
    current: null,
    languages: { configured: ['kaz', 'rus', 'eng'], available: ['kaz', 'rus', 'eng'], missing: [], rotationDetection: true },
    workers: 1,
    lastError: null,
    ...overrides,
  };
}

/** The `ocr.*` methods of a recogniser that keeps its languages and answers with its status. */
export function ocrHandlers(initial: OcrStatus = ocrStatus()): Handlers {
  let status = initial;
  return {
    'ocr.status': () => status,
    'ocr.setLanguages': (params: { languages: OcrLanguage[] }) => {
      status = { ...status, languages: { ...status.languages, configured: params.languages } };
      return status;
    },
    'ocr.start': () => {
      status = { ...status, state: 'running', run: { done: 0, failed: 0, total: Math.max(status.pendingPages, 1), startedAt: '2026-01-01T00:00:00Z', pagesPerMinute: null } };
      return status;
    },
    'ocr.cancel': () => {
      status = { ...status, state: 'idle', run: null, current: null };
      return status;
    },
  };
}
