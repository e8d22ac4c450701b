/**
 * The layer rules in eslint.config.js (docs/ARCHITECTURE.md §2) fire where they should and only there.
 * Each case lints a snippet as if it lived at `file`; the files need not exist.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const LAYER_RULES = new Set(['no-restricted-imports', 'no-restricted-syntax']);

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

async function layerViolations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: file });
  if (!result) throw new Error(`no lint result for ${file}`);
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length > 0) throw new Error(`parse error in ${file}: ${fatal.map((m) => m.message).join('; ')}`);
  return result.messages.filter((message) => message.ruleId && LAYER_RULES.has(message.ruleId)).map((message) => message.message);
}

const use = (names: string): string => `\nexport const used = [${names}];\n`;

interface Case {
  file: string;
  code: string;
}

const forbidden: Record<string, Case[]> = {
  'shared/': [
    { file: 'shared/x.ts', code: `import { readFileSync } from 'node:fs';${use('readFileSync')}` },
    { file: 'shared/x.ts', code: `import fs from 'fs';${use('fs')}` },
    { file: 'shared/i18n/x.ts', code: `import { join } from 'path';${use('join')}` },
    { file: 'shared/x.ts', code: `import { createHash } from 'crypto';${use('createHash')}` },
    { file: 'shared/x.ts', code: `import { Worker } from 'worker_threads';${use('Worker')}` },
    { file: 'shared/x.ts', code: `import { readFile } from 'fs/promises';${use('readFile')}` },
    { file: 'shared/x.ts', code: `import { Buffer } from 'buffer';${use('Buffer')}` },
    { file: 'shared/x.ts', code: `import { app } from 'electron';${use('app')}` },
    { file: 'shared/x.ts', code: `import Database from 'better-sqlite3';${use('Database')}` },
    { file: 'shared/x.ts', code: `import { useState } from 'react';${use('useState')}` },
    { file: 'shared/x.ts', code: `import { openArchive } from '../electron/core/archive';${use('openArchive')}` },
    { file: 'shared/text/x.ts', code: `import { App } from '../../renderer/src/App';${use('App')}` },
    { file: 'shared/x.ts', code: `export { app } from 'electron';` },
    { file: 'shared/x.ts', code: `export const load = () => import('node:os');` },
  ],
  'electron/core, cli, host': [
    { file: 'electron/core/db/x.ts', code: `import { app } from 'electron';${use('app')}` },
    { file: 'electron/core/x.ts', code: `import { ipcMain } from 'electron/main';${use('ipcMain')}` },
    { file: 'electron/cli/x.ts', code: `import { app } from 'electron';${use('app')}` },
    { file: 'electron/host/x.ts', code: `import type { UtilityProcess } from 'electron';\nexport type P = UtilityProcess;` },
    { file: 'electron/host/x.ts', code: `export const load = () => import('electron');` },
    { file: 'electron/core/x.ts', code: `import { App } from '../../renderer/src/App';${use('App')}` },
  ],
  'electron/main': [
    { file: 'electron/main/x.ts', code: `import { openArchive } from '../core/archive';${use('openArchive')}` },
    { file: 'electron/main/menu/x.ts', code: `import { search } from '../../core/search/query';${use('search')}` },
    { file: 'electron/main/x.ts', code: `import { openArchive } from '../../electron/core/archive';${use('openArchive')}` },
    { file: 'electron/main/x.ts', code: `import { App } from '../../renderer/src/App';${use('App')}` },
  ],
  'electron/preload': [
    { file: 'electron/preload/x.ts', code: `import { readFileSync } from 'node:fs';${use('readFileSync')}` },
    { file: 'electron/preload/x.ts', code: `import { buildMenu } from '../main/menu';${use('buildMenu')}` },
  ],
  'renderer/': [
    { file: 'renderer/src/x.ts', code: `import { readFileSync } from 'node:fs';${use('readFileSync')}` },
    { file: 'renderer/src/x.ts', code: `import path from 'path';${use('path')}` },
    { file: 'renderer/src/x.tsx', code: `import { ipcRenderer } from 'electron';${use('ipcRenderer')}` },
    { file: 'renderer/src/api/x.ts', code: `import { openArchive } from '../../../electron/core/archive';${use('openArchive')}` },
    { file: 'renderer/src/x.ts', code: `import { builtPaths } from '../../electron/main/paths';${use('builtPaths')}` },
    { file: 'renderer/src/x.ts', code: `import Database from 'better-sqlite3';${use('Database')}` },
    { file: 'renderer/src/x.ts', code: `const fs = require('fs');${use('fs')}` },
  ],
};

const allowed: Record<string, Case[]> = {
  'shared/': [
    { file: 'shared/x.ts', code: `import { ERROR_CODES } from './errors';\nimport type { Locale } from './i18n';\nexport type L = Locale;${use('ERROR_CODES')}` },
    { file: 'shared/i18n/x.ts', code: `import { KIND_CODES } from '../domain/kinds';${use('KIND_CODES')}` },
  ],
  'electron/core, cli, host': [
    { file: 'electron/core/x.ts', code: `import Database from 'better-sqlite3';\nimport { join } from 'node:path';\nimport { createHash } from 'crypto';${use('Database, join, createHash')}` },
    { file: 'electron/core/x.ts', code: `import { ERROR_CODES } from '../../shared/errors';${use('ERROR_CODES')}` },
    { file: 'electron/host/x.ts', code: `import { something } from '../core/archive';${use('something')}` },
    { file: 'electron/cli/x.ts', code: `import { something } from '../core/archive';${use('something')}` },
  ],
  'electron/main': [
    { file: 'electron/main/x.ts', code: `import { app, utilityProcess } from 'electron';\nimport { join } from 'node:path';${use('app, utilityProcess, join')}` },
    { file: 'electron/main/x.ts', code: `import { CoreHostClient } from './core-host-client';\nimport { CONTRACT_METHODS } from '../../shared/contract';${use('CoreHostClient, CONTRACT_METHODS')}` },
  ],
  'electron/preload': [
    { file: 'electron/preload/x.ts', code: `import { contextBridge } from 'electron';\nimport { CONTRACT_METHODS } from '../../shared/contract';${use('contextBridge, CONTRACT_METHODS')}` },
  ],
  'renderer/': [
    { file: 'renderer/src/x.tsx', code: `import { useState } from 'react';\nimport { createRoot } from 'react-dom/client';\nimport { CONTRACT_METHODS } from '../../shared/contract';\nimport { App } from './App';${use('useState, createRoot, CONTRACT_METHODS, App')}` },
  ],
};

describe('layer rules report forbidden imports', () => {
  for (const [layerName, cases] of Object.entries(forbidden)) {
    describe(layerName, () => {
      for (const { file, code } of cases) {
        it(`${file}: ${code.split('\n')[0]}`, async () => {
          expect(await layerViolations(file, code)).not.toEqual([]);
        });
      }
    });
  }
});

describe('layer rules let allowed imports pass', () => {
  for (const [layerName, cases] of Object.entries(allowed)) {
    describe(layerName, () => {
      for (const { file, code } of cases) {
        it(`${file}: ${code.split('\n')[0]}`, async () => {
          expect(await layerViolations(file, code)).toEqual([]);
        });
      }
    });
  }
});

describe('the real layer files', () => {
  it('contract, preload, main, host and renderer entry points pass the layer rules', async () => {
    const results = await eslint.lintFiles([
      'shared/contract.ts',
      'shared/i18n/index.ts',
      'electron/preload/index.ts',
      'electron/main/index.ts',
      'electron/host/core-host.ts',
      'renderer/src/main.tsx',
    ]);
    const violations = results.flatMap((result) =>
      result.messages.filter((message) => message.ruleId && LAYER_RULES.has(message.ruleId)).map((message) => `${result.filePath}: ${message.message}`),
    );
    expect(violations).toEqual([]);
  });
});
