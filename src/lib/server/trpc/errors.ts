import { TRPCError } from '@trpc/server';
import { isBusy } from '../db/busy';
import { DomainError, type DomainErrorCode } from '../errors';

const CODES: Record<DomainErrorCode, TRPCError['code']> = {
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHORIZED',
  CONFLICT: 'CONFLICT',
  INVALID: 'BAD_REQUEST',
  LOCKED: 'TOO_MANY_REQUESTS',
};

/** The one place domain errors become tRPC errors; the message is a catalog key. */
export function toTrpcError(err: unknown): unknown {
  if (err instanceof DomainError) {
    return new TRPCError({ code: CODES[err.code], message: err.message, cause: err });
  }
  if (isBusy(err)) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'errors.busy', cause: err });
  }
  return err;
}
