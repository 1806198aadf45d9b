/**
 * The HTTP clients that send raw token requests, as data: which call each is, and where it reads the
 * URL, the method and the body. `http.ts` reads any of them the same way.
 */
import type { HttpClient, RequestBody } from './types.js';

/** A positional argument, or a property of the call's options object. */
export type Slot = { readonly arg: number } | { readonly option: string };

export interface BodySource {
  /** `written`: the argument of `req.write(body)` / `req.end(body)` on the request the call returns. */
  readonly from: Slot | 'written';
  /** How the client sends a plain object found there. */
  readonly encoding: RequestBody['encoding'];
}

export interface HttpCallShape {
  readonly client: HttpClient;
  /** The module whose export is called; absent for the global `fetch`. */
  readonly module?: string;
  /** The export called; when `self`, the name of the module itself, called as a function (`axios(…)`). */
  readonly name: string;
  readonly self?: true;
  /** The arguments that may hold the options object: the first that is an object literal is it. */
  readonly options: readonly number[];
  /** Where the URL is, first found wins; an argument that is an object literal is no URL. `host-and-path`: `https.request` options. */
  readonly url: readonly (Slot | 'host-and-path')[];
  /** A fixed method, or read from the options' `method` (default GET). */
  readonly method: string | 'option';
  /** Where the body is, first found wins. */
  readonly body: readonly BodySource[];
  /** Options that add query parameters to the URL. */
  readonly query?: readonly string[];
}

const FETCH_SHAPE = {
  options: [1],
  url: [{ arg: 0 }],
  method: 'option',
  body: [{ from: { option: 'body' }, encoding: 'unknown' }],
} as const;

/** An options object that may come first (`got(options)`) or second (`got(url, options)`). */
const URL_OR_OPTIONS = { options: [0, 1], url: [{ arg: 0 }, { option: 'url' }] } as const;

const GOT_BODY: readonly BodySource[] = [
  { from: { option: 'form' }, encoding: 'form' },
  { from: { option: 'json' }, encoding: 'json' },
  { from: { option: 'body' }, encoding: 'unknown' },
];

export const HTTP_CALLS: readonly HttpCallShape[] = [
  { client: 'fetch', name: 'fetch', ...FETCH_SHAPE },
  { client: 'node-fetch', module: 'node-fetch', name: 'fetch', self: true, ...FETCH_SHAPE },
  { client: 'undici', module: 'undici', name: 'fetch', ...FETCH_SHAPE },
  { client: 'undici', module: 'undici', name: 'request', ...FETCH_SHAPE, query: ['query'] },
  {
    client: 'axios',
    module: 'axios',
    name: 'post',
    options: [2],
    url: [{ arg: 0 }],
    method: 'POST',
    body: [{ from: { arg: 1 }, encoding: 'json' }],
    query: ['params'],
  },
  {
    client: 'axios',
    module: 'axios',
    name: 'get',
    options: [1],
    url: [{ arg: 0 }],
    method: 'GET',
    body: [],
    query: ['params'],
  },
  {
    client: 'axios',
    module: 'axios',
    name: 'axios',
    self: true,
    ...URL_OR_OPTIONS,
    method: 'option',
    body: [{ from: { option: 'data' }, encoding: 'json' }],
    query: ['params'],
  },
  {
    client: 'axios',
    module: 'axios',
    name: 'request',
    options: [0],
    url: [{ arg: 0 }, { option: 'url' }],
    method: 'option',
    body: [{ from: { option: 'data' }, encoding: 'json' }],
    query: ['params'],
  },
  {
    client: 'got',
    module: 'got',
    name: 'got',
    self: true,
    ...URL_OR_OPTIONS,
    method: 'option',
    body: GOT_BODY,
    query: ['searchParams'],
  },
  {
    client: 'got',
    module: 'got',
    name: 'post',
    ...URL_OR_OPTIONS,
    method: 'POST',
    body: GOT_BODY,
    query: ['searchParams'],
  },
  {
    client: 'got',
    module: 'got',
    name: 'get',
    ...URL_OR_OPTIONS,
    method: 'GET',
    body: GOT_BODY,
    query: ['searchParams'],
  },
  {
    client: 'https',
    module: 'https',
    name: 'request',
    options: [0, 1],
    url: [{ arg: 0 }, 'host-and-path'],
    method: 'option',
    body: [{ from: 'written', encoding: 'unknown' }],
  },
];

/** The modules whose exports send HTTP requests. */
export const HTTP_MODULES: readonly string[] = [
  ...new Set(HTTP_CALLS.flatMap((c) => (c.module === undefined ? [] : [c.module]))),
];

const byExport = new Map(HTTP_CALLS.map((c) => [`${c.module ?? ''}\u0000${c.name}`, c]));

/** The shape of a call to `name` of `module` (no module: the global). */
export function httpCallShape(module: string | undefined, name: string): HttpCallShape | undefined {
  return byExport.get(`${module ?? ''}\u0000${name}`);
}
