import Module from 'node:module';
import { createFakeVscode } from './fakeVscode';

/**
 * For tests of single adapters (not the whole extension): import this FIRST, so that `require('vscode')` in the
 * adapters bundled after it answers this fake for the whole test file.
 */
export const fake = createFakeVscode();

const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const original = loader._load;
loader._load = function (request: string, ...rest: unknown[]) {
  return request === 'vscode' ? fake.api : original.call(this, request, ...rest);
};
