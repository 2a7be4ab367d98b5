import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../lib/api-client.js';

/** Loads a list on mount and on `reload()`; the error as an {@link ApiError} for the ErrorBar. */
export function useLoad<T>(load: () => Promise<T>) {
  const [data, setData] = useState<T | undefined>();
  const [error, setError] = useState<ApiError | undefined>();
  const reload = useCallback(() => {
    setError(undefined);
    load().then(setData, (err: unknown) => setError(asApiError(err)));
  }, [load]);
  useEffect(reload, [reload]);
  return { data, setData, error, reload };
}

export function asApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'network', undefined, undefined);
}

/** The server's sentence for a refusal, or the generic one. */
export function detailOf(err: unknown, fallback: string): string {
  return (err instanceof ApiError ? err.detail : undefined) ?? fallback;
}
