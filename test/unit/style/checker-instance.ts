import { nodeDictionaryLoader } from '../../../src/lib/server/style/dictionary';
import {
  createChecker,
  type Checker,
  type CheckerConfig,
} from '../../../src/lib/domain/style/checker';

let shared: Promise<Checker> | undefined;

/** One checker per test file: loading the dictionary takes a few hundred milliseconds. */
export function testChecker(): Promise<Checker> {
  shared ??= createChecker({ loadDictionary: nodeDictionaryLoader() });
  return shared;
}

export function checkerWith(config: Omit<CheckerConfig, 'loadDictionary'>): Promise<Checker> {
  return createChecker({ ...config, loadDictionary: nodeDictionaryLoader() });
}
