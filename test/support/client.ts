import { createUser } from '../../server/auth/users.js';
import type { Role } from '../../server/auth/roles.js';
import type { Store } from '../../server/store/index.js';

export const TEST_PASSWORD = 'correct horse battery staple';

type Form = Record<string, string | string[]>;

/**
 * A tiny browser for HTTP tests: keeps cookies, follows no redirects (tests look at them), and
 * sends the CSRF token the pages give, as a real form would.
 */
export class Client {
  private cookies = new Map<string, string>();
  private token: string | null = null;

  constructor(readonly base: string) {}

  async request(method: string, path: string, options: { form?: Form; json?: unknown; raw?: string; multipart?: FormData; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...options.headers };
    let body: string | FormData | undefined;
    const withToken = method !== 'GET' && options.csrf !== false;
    if (options.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      if (withToken) params.append('_csrf', await this.csrfToken());
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = params.toString();
    } else if (options.multipart) {
      // A form with a file, as a browser sends it; fetch writes the multipart content type itself.
      if (withToken) options.multipart.append('_csrf', await this.csrfToken());
      body = options.multipart;
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      if (withToken) headers['x-csrf-token'] = await this.csrfToken();
      body = JSON.stringify(options.json);
    } else {
      body = options.raw;
      if (withToken) headers['x-csrf-token'] = await this.csrfToken();
    }
    // Fetching the token may have set the first cookies.
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const raw = await fetch(this.base + path, { method, headers, body, redirect: 'manual' });
    // Read the whole response before the next request, as a browser does: the server may still be
    // finishing (saving the session) after it sent the head.
    const content = await raw.arrayBuffer();
    const res = new Response([204, 304].includes(raw.status) ? null : content, { status: raw.status, statusText: raw.statusText, headers: raw.headers });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...rest] = pair!.split('=');
      this.cookies.set(name!.trim(), rest.join('='));
    }
    return res;
  }

  /** The same browser (cookies and token) talking to another server, as behind a load balancer. */
  at(base: string): Client {
    const other = new Client(base);
    other.cookies = new Map(this.cookies);
    other.token = this.token;
    return other;
  }

  /** Posts a form holding one file in the field `file`, with the CSRF token as a form field. */
  upload(path: string, file: { name: string; data: Uint8Array<ArrayBuffer> | string; type?: string }): Promise<Response> {
    const form = new FormData();
    form.append('file', new Blob([file.data], { type: file.type ?? 'application/octet-stream' }), file.name);
    return this.request('POST', path, { multipart: form });
  }

  get(path: string): Promise<Response> {
    return this.request('GET', path);
  }

  post(path: string, form: Form = {}): Promise<Response> {
    return this.request('POST', path, { form });
  }

  /** The token the pages carry in <meta name="csrf-token">, fetched from the login page once. */
  async csrfToken(): Promise<string> {
    if (this.token) return this.token;
    const html = await (await this.get('/login')).text();
    const token = /<meta name="csrf-token" content="([^"]+)">/.exec(html)?.[1];
    if (!token) throw new Error('no CSRF token on the login page');
    this.token = token;
    return token;
  }

  async login(email: string, password = TEST_PASSWORD): Promise<Response> {
    const res = await this.post('/login', { email, password });
    if (res.status !== 303) throw new Error(`login of ${email} failed with ${res.status}`);
    return res;
  }

  /** Cookies are cleared as if the browser dropped the session (but keeps its browser id and CSRF cookie). */
  forgetSession(): void {
    this.cookies.delete('palermo.sid');
  }
}

let counter = 0;

export async function createTestUser(store: Store, role: Role, states: string[] = [], name?: string): Promise<{ id: number; email: string }> {
  counter += 1;
  const email = `${role.replace('_', '-')}-${counter}-${Date.now()}@example.org`;
  const user = await createUser(store, { email, displayName: name ?? `Test ${role} ${counter}`, password: TEST_PASSWORD, role, states });
  return { id: user.id, email: user.email };
}

export async function signedInClient(base: string, store: Store, role: Role, states: string[] = []): Promise<Client> {
  const client = new Client(base);
  const user = await createTestUser(store, role, states);
  await client.login(user.email);
  return client;
}
