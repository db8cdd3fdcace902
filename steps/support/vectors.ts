/** Loading the vector files and turning a request-fault vector into a real request. */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { FormData } from 'undici';
import { fromPackageRoot } from '../../mock-server/packagePaths.ts';
import type { SendOptions } from './world.ts';

export interface IndependentVector {
  id: number;
  client: string;
  comment: string;
  public_key: string;
  checksum: string;
  data: string;
  expected: string;
}

interface FilePart {
  random_bytes?: number;
  text?: string;
  content_type: string;
}

export interface RequestVector {
  id: number;
  comment: string;
  request: {
    method: 'GET' | 'POST';
    path: string;
    auth?: string | null;
    headers?: Record<string, string>;
    json?: unknown;
    body?: string;
    content_type?: string;
    multipart?: Record<string, string | FilePart>;
  };
  expected: { status: number; fault_codes: string[] };
}

const load = <T>(name: string): T =>
  JSON.parse(readFileSync(fromPackageRoot('fixtures', 'vectors', name), 'utf8')) as T;

export const INDEPENDENT_VECTORS = load<{ tests: IndependentVector[] }>(
  'independent-clients.json',
).tests;
export const REQUEST_VECTORS = load<{ tests: RequestVector[] }>('request-faults.json').tests;

export function byId<T extends { id: number }>(list: readonly T[], id: number, file: string): T {
  const found = list.find((t) => t.id === id);
  if (!found) throw new Error(`no vector ${id} in ${file}`);
  return found;
}

function substitute<T>(value: T, values: Record<string, string>): T {
  return JSON.parse(
    JSON.stringify(value).replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      const replacement = values[name];
      if (replacement === undefined) throw new Error(`vector placeholder ${whole} has no value`);
      return JSON.stringify(replacement).slice(1, -1);
    }),
  ) as T;
}

/** The request of a vector, its placeholders filled from the scenario. */
export function vectorRequest(
  vector: RequestVector,
  values: Record<string, string>,
): { method: 'GET' | 'POST'; path: string; options: SendOptions } {
  const request = substitute(vector.request, {
    user_identifier: `vector-${randomUUID()}@example.test`,
    customer_id: `org-${randomUUID()}`,
    checksum: randomBytes(32).toString('hex'),
    ...values,
  });
  const options: SendOptions = { headers: { ...request.headers } };
  if (request.auth !== undefined) options.auth = request.auth;
  if (request.json !== undefined) options.json = request.json;
  if (request.body !== undefined) {
    options.rawBody = request.body;
    options.headers = {
      ...options.headers,
      'content-type': request.content_type ?? 'application/json',
    };
  }
  if (request.multipart) {
    const form = new FormData();
    for (const [name, part] of Object.entries(request.multipart)) {
      if (typeof part === 'string') form.append(name, part);
      else {
        const bytes =
          part.random_bytes !== undefined
            ? randomBytes(part.random_bytes)
            : Buffer.from(part.text ?? '');
        form.append(
          name,
          new Blob([new Uint8Array(bytes)], { type: part.content_type }),
          'vector.bin',
        );
      }
    }
    options.form = form;
  }
  return { method: request.method, path: request.path, options };
}
