import { describe, expect, it } from 'vitest';
import {
  AuthError,
  ChatpushError,
  ConfigError,
  ExitCode,
  InterruptedError,
  mostSevere,
  NegativeError,
  NetworkError,
  NotFoundError,
  PendingError,
  ServiceError,
  toExitCode,
  UsageError,
} from '../../src/errors.js';

describe('toExitCode', () => {
  it.each([
    ['NegativeError', new NegativeError('x'), 1],
    ['UsageError', new UsageError('x'), 2],
    ['ConfigError', new ConfigError('x'), 3],
    ['AuthError', new AuthError('x', 70009), 4],
    ['ServiceError', new ServiceError('x', 90045), 5],
    ['NetworkError', new NetworkError('x'), 6],
    ['NotFoundError', new NotFoundError('x'), 7],
    ['PendingError', new PendingError('x'), 8],
    ['InterruptedError', new InterruptedError(), 130],
    ['a plain Error (internal)', new Error('boom'), 1],
    ['a thrown string', 'boom', 1],
    ['undefined', undefined, 1],
  ])('%s → %i', (_n, err, code) => {
    expect(toExitCode(err)).toBe(code);
  });

  it('matches the spec table', () => {
    expect(ExitCode).toEqual({ OK: 0, NEGATIVE: 1, USAGE: 2, CONFIG: 3, AUTH: 4, SERVICE: 5, NETWORK: 6, NOT_FOUND: 7, PENDING: 8, INTERRUPTED: 130 });
  });
});

describe('ChatpushError', () => {
  it('carries its hint, cause, code and class name', () => {
    const cause = new Error('socket');
    const e = new AuthError('rejected', 70009, { hint: 'check the key', cause });
    expect(e).toBeInstanceOf(ChatpushError);
    expect(e.name).toBe('AuthError');
    expect(e.hint).toBe('check the key');
    expect(e.cause).toBe(cause);
    expect(e.code).toBe(70009);
    expect(new UsageError('x').hint).toBeUndefined();
    expect(new UsageError('x').cause).toBeUndefined();
  });
});

describe('mostSevere', () => {
  it.each([
    [[], 0],
    [[0, 0], 0],
    [[0, 1, 7], 7],
    [[7, 4, 1], 7],
    [[2, 130, 8], 130],
    [[1, 0], 1],
  ])('%j → %i', (codes, worst) => {
    expect(mostSevere(codes)).toBe(worst);
  });

  it('accepts any iterable', () => {
    expect(mostSevere(new Set([3, 5]))).toBe(5);
  });
});
