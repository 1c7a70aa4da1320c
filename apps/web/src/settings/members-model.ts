/** PostHog's organization membership levels. */
export const MEMBER = 1;
export const ADMIN = 8;
export const OWNER = 15;

const LEVEL_NAMES: Record<number, string> = { [MEMBER]: 'Member', [ADMIN]: 'Admin', [OWNER]: 'Owner' };

/** Example: levelName(8) → 'Admin' */
export function levelName(level: number): string {
  return LEVEL_NAMES[level] ?? `Level ${level}`;
}

/** Whether someone at this level may invite people (admins and owners, as the server decides). */
export function mayInvite(level: number | null): boolean {
  return level !== null && level >= ADMIN;
}

/** The levels someone at `level` may invite at: up to their own. Example: inviteLevels(8) → [1, 8] */
export function inviteLevels(level: number | null): number[] {
  return [MEMBER, ADMIN, OWNER].filter((l) => level !== null && l <= level);
}

/** Why an invite cannot be sent yet, or null (the server checks the address fully). */
export function inviteProblem(email: string): string | null {
  const trimmed = email.trim();
  if (trimmed === '') return 'Enter the email address of the person to invite.';
  if (!/^[^\s@]+@[^\s@]+$/.test(trimmed)) return 'That does not look like an email address.';
  return null;
}
