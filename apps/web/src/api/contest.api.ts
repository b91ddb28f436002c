import { callApi } from './http.ts';
import type { Contest } from './types.ts';

export const fetchContest = async (signal?: AbortSignal) => (await callApi<Contest>('/api/contest', { signal })).data;
