/**
 * A small client for the SEC Thailand open API v2 (fund endpoints): the
 * subscription key in the `Ocp-Apim-Subscription-Key` header, cursor paging
 * (`next_cursor` `""`, null or absent ends it), and bounded retries with
 * exponential backoff on 429, 5xx, network errors and pages that are not a
 * v2 response. Uses Node's built-in `fetch`; nothing else.
 */
import type { CalendarDate } from '../../model/calendar-date.js';
import { fromSecOpenData, type SecOpenDataOptions, type SecOpenDataResult } from './adapt.js';
import type { SecEnvelope } from './schema.js';

export const SEC_API_BASE_URL = 'https://api.sec.or.th';

/** The v2 endpoints the adapter reads. */
export const SEC_ENDPOINTS = Object.freeze({
  profiles: '/v2/fund/general-info/profiles',
  parties: '/v2/fund/general-info/involve-parties',
  minimums: '/v2/fund/factsheet/subscription-redemption-minimums',
} as const);
export type SecEndpoint = keyof typeof SEC_ENDPOINTS;

/** What the client reports as it goes (a page read, a retry). */
export type SecProgress =
  | { kind: 'page'; endpoint: SecEndpoint; page: number; items: number }
  | { kind: 'retry'; endpoint: SecEndpoint; page: number; attempt: number; waitMs: number; why: string };

export interface SecClientOptions {
  /** The developer-portal subscription key. */
  subscriptionKey: string;
  /** Default `https://api.sec.or.th`. */
  baseUrl?: string;
  /** Items a page (1–100); default 100. */
  pageSize?: number;
  /** Retries of one page after the first try; default 5. */
  retries?: number;
  /** First backoff; doubled each retry, capped at `maxBackoffMs`; default 1000 ms. */
  backoffMs?: number;
  /** Default 30 000 ms. A `Retry-After` of the server is honoured up to this too. */
  maxBackoffMs?: number;
  /** Pages of one listing at most (a guard against a cursor that never ends); default 1000. */
  maxPages?: number;
  onProgress?: (event: SecProgress) => void;
  /** For tests and embedding: the fetch to use and how to wait. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/** A request that failed for good: the status (if any), the URL without the key, and why. */
export class SecApiError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SecApiError';
  }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function retryAfterMs(header: string | null): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

function isEnvelope(value: unknown): value is SecEnvelope {
  return typeof value === 'object' && value !== null && Array.isArray((value as { items?: unknown }).items);
}

/** Every page of one listing, in order, following `next_cursor`. */
export async function* fetchPages(endpoint: SecEndpoint, query: Record<string, string>, options: SecClientOptions): AsyncGenerator<SecEnvelope> {
  const doFetch = options.fetch ?? fetch;
  const sleep = options.sleep ?? wait;
  const retries = options.retries ?? 5;
  const backoff = options.backoffMs ?? 1000;
  const maxBackoff = options.maxBackoffMs ?? 30_000;
  const maxPages = options.maxPages ?? 1000;
  let cursor = '';
  for (let page = 1; ; page++) {
    if (page > maxPages) throw new SecApiError(`${SEC_ENDPOINTS[endpoint]}: more than ${maxPages} pages; stopped (does the cursor ever end?)`, SEC_ENDPOINTS[endpoint]);
    const url = new URL(SEC_ENDPOINTS[endpoint], options.baseUrl ?? SEC_API_BASE_URL);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    url.searchParams.set('page_size', String(options.pageSize ?? 100));
    if (cursor !== '') url.searchParams.set('next_cursor', cursor);
    const shown = `${url.pathname}${url.search}`;
    let envelope: SecEnvelope | undefined;
    for (let attempt = 0; envelope === undefined; attempt++) {
      let why: string;
      let serverWait: number | undefined;
      try {
        const response = await doFetch(url, { headers: { 'Ocp-Apim-Subscription-Key': options.subscriptionKey, accept: 'application/json' } });
        if (response.ok) {
          const text = await response.text();
          let body: unknown;
          try {
            body = JSON.parse(text);
          } catch {
            body = undefined;
          }
          if (isEnvelope(body)) {
            envelope = body;
            break;
          }
          why = `page ${page} is not a v2 response { message, next_cursor, items }`;
        } else if (response.status === 429 || response.status >= 500) {
          await response.body?.cancel();
          why = `HTTP ${response.status}`;
          serverWait = retryAfterMs(response.headers.get('retry-after'));
        } else {
          const body = (await response.text()).slice(0, 300);
          const hint = response.status === 401 || response.status === 403 ? ' (is the subscription key right, and subscribed to the fund API?)' : '';
          throw new SecApiError(`${shown}: HTTP ${response.status}${hint}${body ? `: ${body}` : ''}`, shown, response.status);
        }
      } catch (error) {
        if (error instanceof SecApiError) throw error;
        why = `network error: ${(error as Error).message}`;
      }
      if (attempt >= retries) throw new SecApiError(`${shown}: ${why}; gave up after ${attempt + 1} tries`, shown);
      const waitMs = Math.min(maxBackoff, serverWait ?? backoff * 2 ** attempt);
      options.onProgress?.({ kind: 'retry', endpoint, page, attempt: attempt + 1, waitMs, why });
      await sleep(waitMs);
    }
    options.onProgress?.({ kind: 'page', endpoint, page, items: envelope.items.length });
    yield envelope;
    const next = envelope.next_cursor;
    if (typeof next !== 'string' || next === '') return;
    cursor = next;
  }
}

/** Every page of one listing. */
export async function fetchAll(endpoint: SecEndpoint, query: Record<string, string>, options: SecClientOptions): Promise<SecEnvelope[]> {
  const pages: SecEnvelope[] = [];
  for await (const page of fetchPages(endpoint, query, options)) pages.push(page);
  return pages;
}

/** The raw responses of one project: its profile pages, involved parties and minimums. */
export interface SecProjectResponses {
  projId: string;
  profiles: SecEnvelope[];
  parties: SecEnvelope[];
  minimums: SecEnvelope[];
}

export interface FetchSecFundsOptions extends SecClientOptions {
  /** The management company's `unique_id`, e.g. `C0000000290`. */
  amc: string;
  /** Only these projects. */
  projects?: readonly string[];
  /** Take minimums of the factsheet period covering this date (all periods are fetched); default: `latest=true`. */
  asOf?: CalendarDate;
  /** Projects to leave out (already pulled). */
  skip?: ReadonlySet<string>;
}

/**
 * The profiles of a management company, grouped by project in the order the
 * API lists them (the profiles of one project arrive together as pages).
 */
export async function fetchCompanyProfiles(options: FetchSecFundsOptions): Promise<Map<string, SecEnvelope>> {
  const byProject = new Map<string, SecEnvelope>();
  for await (const page of fetchPages('profiles', { company_info: options.amc }, options)) {
    for (const item of page.items) {
      const projId = typeof (item as { proj_id?: unknown }).proj_id === 'string' ? ((item as { proj_id: string }).proj_id).trim() : '';
      const group = byProject.get(projId) ?? { message: page.message, page_size: page.page_size ?? 100, next_cursor: '', items: [] };
      group.items.push(item);
      byProject.set(projId, group);
    }
  }
  return byProject;
}

/**
 * Pull a management company's funds project by project: its profiles, then
 * each project's involved parties and minimums, adapted one project at a
 * time (so one bad project never stops the others, and a caller can write
 * each fund as soon as it is ready).
 */
export async function* fetchSecFunds(
  options: FetchSecFundsOptions,
  adaptOptions: Omit<SecOpenDataOptions, 'asOf' | 'onError'> = {},
): AsyncGenerator<{ projId: string; responses: SecProjectResponses; result: SecOpenDataResult }> {
  const profiles = await fetchCompanyProfiles(options);
  const wanted = options.projects ? new Set(options.projects) : undefined;
  for (const [projId, profilePage] of profiles) {
    if (wanted && !wanted.has(projId)) continue;
    if (options.skip?.has(projId)) continue;
    const parties = projId === '' ? [] : await fetchAll('parties', { proj_id: projId }, options);
    const minimums = projId === '' ? [] : await fetchAll('minimums', { proj_id: projId, ...(options.asOf === undefined ? { latest: 'true' } : {}) }, options);
    const responses: SecProjectResponses = { projId, profiles: [profilePage], parties, minimums };
    const result = fromSecOpenData(
      { profiles: responses.profiles, parties, minimums },
      { ...adaptOptions, onError: 'skip', ...(options.asOf !== undefined ? { asOf: options.asOf } : {}) },
    );
    yield { projId, responses, result };
  }
}
