import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { recordAuditWithoutRequest } from './audit.js';
import { PASSWORD_MIN } from './auth/passwords.js';
import { roles } from './auth/roles.js';
import { createUser } from './auth/users.js';
import { loadConfig } from './config.js';
import { exitWithStartupError } from './fatal.js';
import { openStore } from './store/index.js';

const usage = `usage: npm run user:create -- --email EMAIL --name "NAME" [--role ROLE] [--states XA,XB]
  ROLE is one of ${roles.join(', ')} (default administrator).
  The password is read from the PALERMO_PASSWORD environment variable; when absent a strong one
  is generated and printed once.`;

/** `npm run user:create`: makes an account from the command line, first of all the first administrator. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'administrator' },
      states: { type: 'string', default: '' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.email || !values.name) {
    process.stdout.write(usage + '\n');
    process.exit(values.help ? 0 : 1);
  }
  const role = roles.find((r) => r === values.role);
  if (!role) throw new Error(`--role: got "${values.role}"; expected one of ${roles.join(', ')}`);
  const given = process.env.PALERMO_PASSWORD;
  if (given !== undefined && given.length < PASSWORD_MIN) throw new Error(`PALERMO_PASSWORD must have at least ${PASSWORD_MIN} characters`);
  const password = given ?? randomBytes(15).toString('base64url');
  const states = values.states.split(',').map((s) => s.trim().toUpperCase()).filter(Boolean);

  const store = await openStore(loadConfig());
  try {
    const user = await store.transaction(async (tx) => {
      const created = await createUser(tx, { email: values.email!, displayName: values.name!, password, role, states });
      await recordAuditWithoutRequest(tx, { action: 'user.create', entityType: 'user', entityId: created.id, details: { email: created.email, role, via: 'command line' } });
      return created;
    });
    process.stdout.write(`Created ${user.role} ${user.email}.\n`);
    if (given === undefined) process.stdout.write(`Password (shown once, change it after signing in): ${password}\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => exitWithStartupError('palermo-assess user:create', error));
