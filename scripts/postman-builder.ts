/**
 * The pieces every Postman collection of this repository is built from: a request described once
 * (`RequestSpec`) becomes a documented Postman item with its test script and example answers. The
 * collection itself is assembled in `e2e-collection.ts` (the organiser's contract), with the folders of
 * `e2e-accounts-folder.ts` (accounts and their mail) and `e2e-organiser-folder.ts` (the organiser's tools).
 */
import { resolveConfig, format } from 'prettier';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD' | 'PATCH';

export interface Example {
  name: string;
  code: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface FormField {
  key: string;
  /** A file name relative to newman's working directory (`--working-dir`), or a text value. */
  src?: string;
  value?: string;
}

export interface RequestSpec {
  name: string;
  method: Method;
  path: string;
  /** `{{token_a}}`, `{{token_b}}`, a literal, or undefined for no Authorization header. */
  auth?: string;
  json?: unknown;
  rawBody?: { contentType: string; body: string };
  form?: FormField[];
  /** The body is this file (relative to newman's working directory), sent as it is. */
  fileBody?: { src: string; contentType: string };
  /**
   * Sends the body chunked (`Transfer-Encoding: chunked`, no `Content-Length`): Postman and newman
   * measure every file and form body unless the request disables the `Content-Length` system header.
   */
  chunked?: boolean;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  description: string;
  prerequest?: string;
  tests: string;
  examples: Example[];
}

export interface Folder {
  name: string;
  description: string;
  items: RequestSpec[];
}

const JSON_TYPE = 'application/json';
const PROBLEM_TYPE = 'application/problem+json';

/** Helper functions prepended to every test script (the sandbox has no shared modules). */
export const helpers = String.raw`
const body = (() => { try { return pm.response.json(); } catch (e) { return undefined; } })();
function expectStatus(code) {
  pm.test('status ' + code, () => pm.response.to.have.status(code));
}
function expectJson() {
  pm.test('Content-Type es application/json', () => pm.expect(pm.response.headers.get('Content-Type')).to.match(/^application\/json/));
}
function expectProblem(status, detail, codeName) {
  expectStatus(status);
  pm.test('Content-Type es application/problem+json', () => pm.expect(pm.response.headers.get('Content-Type')).to.match(/^application\/problem\+json/));
  pm.test('problem+json con status, title y type', () => {
    pm.expect(body).to.be.an('object');
    pm.expect(body.status).to.eql(status);
    pm.expect(body.title).to.be.a('string').and.not.empty;
    pm.expect(body.type).to.be.a('string');
  });
  if (detail instanceof RegExp) pm.test('detail: ' + detail, () => pm.expect(body.detail).to.match(detail));
  else pm.test('detail: "' + detail + '"', () => pm.expect(body.detail).to.eql(detail));
  if (codeName) pm.test('code ' + codeName, () => pm.expect(body.code).to.eql(codeName));
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
`;
/** Spanish text as a JS string literal for the test scripts. */
export const q = (text: string) => JSON.stringify(text);
export const re = (pattern: string) => `/${pattern.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`;

export const problem = (status: number, detail: string, code: string, errors?: unknown): unknown => ({
  type: 'about:blank',
  title: {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
  }[status],
  status,
  detail,
  code,
  ...(errors ? { errors } : {}),
});

function url(spec: RequestSpec) {
  const query = Object.entries(spec.query ?? {}).map(([key, value]) => ({ key, value }));
  const queryString = query.length ? `?${query.map(({ key, value }) => `${key}=${value}`).join('&')}` : '';
  // A path starting with a variable (`{{processed_url}}`, `{{organiser_desk_url}}/…`) is another server's URL,
  // and a variable holding a whole URL must stay a string: Postman ignores `raw` in a URL object.
  if (spec.path.startsWith('{{')) return spec.path + queryString;
  const raw = `{{base_url}}${spec.path}`;
  return {
    raw: raw + queryString,
    host: ['{{base_url}}'],
    path: spec.path.split('/').filter(Boolean),
    ...(query.length ? { query } : {}),
  };
}

function request(spec: RequestSpec) {
  const header: { key: string; value: string }[] = [];
  if (spec.auth) header.push({ key: 'Authorization', value: `Bearer ${spec.auth}` });
  for (const [key, value] of Object.entries(spec.headers ?? {})) header.push({ key, value });
  if (spec.chunked) header.push({ key: 'Transfer-Encoding', value: 'chunked' });
  let body: unknown;
  if (spec.json !== undefined) {
    header.push({ key: 'Content-Type', value: JSON_TYPE });
    body = { mode: 'raw', raw: JSON.stringify(spec.json, null, 2), options: { raw: { language: 'json' } } };
  } else if (spec.rawBody) {
    header.push({ key: 'Content-Type', value: spec.rawBody.contentType });
    body = { mode: 'raw', raw: spec.rawBody.body };
  } else if (spec.fileBody) {
    header.push({ key: 'Content-Type', value: spec.fileBody.contentType });
    body = { mode: 'file', file: { src: spec.fileBody.src } };
  } else if (spec.form) {
    body = {
      mode: 'formdata',
      formdata: spec.form.map((field) =>
        field.src === undefined
          ? { key: field.key, value: field.value, type: 'text' }
          : { key: field.key, src: field.src, type: 'file' },
      ),
    };
  }
  return { method: spec.method, header, ...(body ? { body } : {}), url: url(spec), description: spec.description };
}

export function item(spec: RequestSpec) {
  const events = [
    { listen: 'test', script: { type: 'text/javascript', exec: `${helpers}\n${spec.tests}`.trim().split('\n') } },
  ];
  if (spec.prerequest)
    events.unshift({ listen: 'prerequest', script: { type: 'text/javascript', exec: spec.prerequest.split('\n') } });
  return {
    name: spec.name,
    event: events,
    // Without its Content-Length header, the body goes out chunked (the request's Transfer-Encoding).
    ...(spec.chunked ? { protocolProfileBehavior: { disabledSystemHeaders: { 'content-length': true } } } : {}),
    request: request(spec),
    response: spec.examples.map((example) => ({
      name: example.name,
      originalRequest: request(spec),
      status: example.name,
      code: example.code,
      _postman_previewlanguage: typeof example.body === 'string' ? 'text' : 'json',
      header: [
        {
          key: 'Content-Type',
          value:
            example.headers?.['Content-Type'] ??
            (example.code >= 400 ? `${PROBLEM_TYPE}; charset=utf-8` : `${JSON_TYPE}; charset=utf-8`),
        },
        ...Object.entries(example.headers ?? {})
          .filter(([key]) => key !== 'Content-Type')
          .map(([key, value]) => ({ key, value })),
      ],
      body: typeof example.body === 'string' ? example.body : JSON.stringify(example.body, null, 2),
    })),
  };
}

/** A folder of requests, as Postman nests them. */
export const folderItem = (folder: Folder) => ({
  name: folder.name,
  description: folder.description,
  item: folder.items.map(item),
});

/** JSON as the repository's Prettier settings write it for `file`, so `npm run format` leaves it alone. */
export const serialise = async (value: unknown, file: string) =>
  format(JSON.stringify(value), { ...(await resolveConfig(file)), parser: 'json' });
