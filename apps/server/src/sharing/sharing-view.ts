import type { SharingRecord } from './sharing-repository.js';

/** PostHog's sharing configuration; before sharing was ever turned on there is no token yet. */
export function sharingView(sharing: SharingRecord | null) {
  return {
    created_at: sharing?.createdAt ?? null,
    enabled: sharing?.enabled ?? false,
    access_token: sharing?.accessToken ?? null,
    settings: null,
    password_required: false,
    share_passwords: [],
  };
}
