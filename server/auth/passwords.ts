import { hash, verify } from '@node-rs/argon2';

/** Business limits on passwords: long enough to resist guessing, short enough to bound hashing cost. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 200;

/** argon2id (the library's default algorithm), memory-hard, with its parameters stored in the hash. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a random password, verified against when the email is unknown, so a failed login
 * costs the same time whether or not the account exists.
 */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hash(crypto.randomUUID());
  return decoy;
}
