import { createChecker, type Checker } from '../../domain/style/checker';
import { nodeDictionaryLoader } from './dictionary';

let shared: Promise<Checker> | undefined;

/** The server's checker, built once: the gate before sending and the CLI use the same rules. */
export function serverChecker(): Promise<Checker> {
  shared ??= createChecker({ loadDictionary: nodeDictionaryLoader() }).catch((err: unknown) => {
    shared = undefined;
    throw err;
  });
  return shared;
}
