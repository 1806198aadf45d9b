/**
 * The HTTP clients that send raw token requests, as data: which call each is, and where it reads the
 * URL, the method and the body. `http.ts` reads any of them the same way.
 */
import type { HttpClient, RequestBody } from './types.js';

/** A positional argument, a property of the call's options object, or an argument of another call on the same receiver (`open` before `send`). */
export type Slot =
  { readonly arg: number } | { readonly option: string } | { readonly sibling: string; readonly arg: number };

export function isSibling(slot: unknown): slot is { readonly sibling: string; readonly arg: number } {
  return typeof slot === 'object' && slot !== null && 'sibling' in slot;
}

/** Where a reply's JSON is read, besides `.json()` on the value the call gives. */
export interface ReplyShape {
  /** Properties that hold the parsed JSON (axios `data`). */
  readonly parsed: readonly string[];
  /** Properties that hold the unparsed body, read with `.json()` or `JSON.parse()` (undici `request`'s `body`). */
  readonly unparsed: readonly string[];
}

export interface BodySource {
  /** `written`: the argument of `req.write(body)` / `req.end(body)` on the request the call returns. */
  readonly from: Slot | 'written';
  /** How the client sends a plain object found there. */
  readonly encoding: RequestBody['encoding'];
}

export interface HttpCallShape {
  readonly client: HttpClient;
  /** The module whose export is called; absent for a global. */
  readonly module?: string;
  /** The export called; when `self`, the name of the module itself, called as a function (`axios(…)`); with a `receiver`, the method called. */
  readonly name: string;
  readonly self?: true;
  /** A global class whose instance (`new XMLHttpRequest()`) the method is called on: the reply is read from that instance. */
  readonly receiver?: string;
  /** The arguments that may hold the options object: the first that is an object literal is it. */
  readonly options: readonly number[];
  /** Where the URL is, first found wins; an argument that is an object literal is no URL. `host-and-path`: `https.request` options. */
  readonly url: readonly (Slot | 'host-and-path')[];
  /** A fixed method, read from the options' `method` (default GET), or from a slot. */
  readonly method: string | 'option' | Slot;
  /** Where the body is, first found wins. */
  readonly body: readonly BodySource[];
  /** Options that add query parameters to the URL. */
  readonly query?: readonly string[];
  readonly reply?: ReplyShape;
}

/** A reply read only with `.json()` (fetch, got). */
export const JSON_METHOD_ONLY: ReplyShape = { parsed: [], unparsed: [] };
const AXIOS_REPLY: ReplyShape = { parsed: ['data'], unparsed: [] };

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
  {
    client: 'undici',
    module: 'undici',
    name: 'request',
    ...FETCH_SHAPE,
    query: ['query'],
    reply: { parsed: [], unparsed: ['body'] },
  },
  {
    client: 'axios',
    module: 'axios',
    name: 'post',
    options: [2],
    url: [{ arg: 0 }],
    method: 'POST',
    body: [{ from: { arg: 1 }, encoding: 'json' }],
    query: ['params'],
    reply: AXIOS_REPLY,
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
    reply: AXIOS_REPLY,
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
    reply: AXIOS_REPLY,
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
    reply: AXIOS_REPLY,
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
  {
    client: 'xhr',
    receiver: 'XMLHttpRequest',
    name: 'send',
    options: [],
    url: [{ sibling: 'open', arg: 1 }],
    method: { sibling: 'open', arg: 0 },
    body: [{ from: { arg: 0 }, encoding: 'unknown' }],
    reply: { parsed: ['response'], unparsed: ['responseText'] },
  },
];

/** The modules whose exports send HTTP requests. */
export const HTTP_MODULES: readonly string[] = [
  ...new Set(HTTP_CALLS.flatMap((c) => (c.module === undefined ? [] : [c.module]))),
];

/** The globals that send HTTP requests: functions (`fetch`) and classes (`XMLHttpRequest`). */
export const HTTP_GLOBALS: readonly string[] = HTTP_CALLS.flatMap((c) =>
  c.module !== undefined ? [] : [c.receiver ?? c.name],
);

/** The methods called on a receiver: the sending one and the ones whose arguments it reads. */
export const RECEIVER_METHODS: readonly string[] = [
  ...new Set(
    HTTP_CALLS.flatMap((c): string[] =>
      c.receiver === undefined
        ? []
        : [c.name, ...[...c.url, c.method].flatMap((slot) => (isSibling(slot) ? [slot.sibling] : []))],
    ),
  ),
];

const key = (module: string | undefined, receiver: string | undefined, name: string) =>
  `${module ?? ''}\u0000${receiver ?? ''}\u0000${name}`;
const byExport = new Map(HTTP_CALLS.map((c) => [key(c.module, c.receiver, c.name), c]));

/** The shape of a call to `name` of `module` (no module: the global), or of the method `name` of a global `receiver`'s instance. */
export function httpCallShape(module: string | undefined, name: string, receiver?: string): HttpCallShape | undefined {
  return byExport.get(key(module, receiver, name));
}
